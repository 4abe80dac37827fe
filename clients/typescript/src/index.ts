// The TypeScript client of a Novation node.
export * from "./client.js";
export * from "./commands.js";
export * from "./signing.js";
export * from "./stream.js";
