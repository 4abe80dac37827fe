package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * What a demo run produced: the report's files, the report itself, and whether every invariant held.
 *
 * @param json     {@code report.json}.
 * @param html     {@code report.html}.
 * @param report   the report.
 * @param failures the invariants that failed, as sentences; empty when all hold.
 */
public record DemoOutcome(Path json, Path html, ObjectNode report, List<String> failures)
{
    /**
     * Whether every invariant held.
     *
     * @return true when nothing failed.
     */
    public boolean invariantsHold()
    {
        return failures.isEmpty();
    }
}
