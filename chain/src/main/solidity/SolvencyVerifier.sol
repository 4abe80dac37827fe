// SPDX-License-Identifier: GPL-3.0
/*
    Copyright 2021 0KIMS association.

    This file is generated with [snarkJS](https://github.com/iden3/snarkjs).

    snarkJS is a free software: you can redistribute it and/or modify it
    under the terms of the GNU General Public License as published by
    the Free Software Foundation, either version 3 of the License, or
    (at your option) any later version.

    snarkJS is distributed in the hope that it will be useful, but WITHOUT
    ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
    or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public
    License for more details.

    You should have received a copy of the GNU General Public License
    along with snarkJS. If not, see <https://www.gnu.org/licenses/>.
*/

pragma solidity >=0.7.0 <0.9.0;

contract SolvencyVerifier {
    // Scalar field size
    uint256 constant r    = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    // Base field size
    uint256 constant q   = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    // Verification Key data
    uint256 constant alphax  = 8633614962008009115399056276549145077003719164953462380473997422764744811037;
    uint256 constant alphay  = 14970375058571216722945900833385582400037786997187528872416921317291826054349;
    uint256 constant betax1  = 3693368879752760767643944292757016582353726470661142191472776009102734114716;
    uint256 constant betax2  = 2134535266944990250355257961572040533412321942047481164861426287696931507782;
    uint256 constant betay1  = 20054002701348390932815024979930885191380081983178026856223409481477656501859;
    uint256 constant betay2  = 6267181064787093316064144017962740759892723203847994642733637768820509347546;
    uint256 constant gammax1 = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 constant gammax2 = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 constant gammay1 = 4082367875863433681332203403145435568316851327593401208105741076214120093531;
    uint256 constant gammay2 = 8495653923123431417604973247489272438418190587263600148770280649306958101930;
    uint256 constant deltax1 = 13972404343686373554166519118537167011889741031875303905350024567881275511310;
    uint256 constant deltax2 = 19922324469440272496423604481095473201377318088181962502804802469165945296367;
    uint256 constant deltay1 = 4311702567423058849717553379726160592696358060035858200694161746482137652437;
    uint256 constant deltay2 = 17667601391923611927410723279106068045172648696725689022813750979968347868096;

    
    uint256 constant IC0x = 15757951239421224071871314364140406412744289008689940831193668052358943311188;
    uint256 constant IC0y = 16760185969585411175237207481019396561290523397625497008122172028643474329207;
    
    uint256 constant IC1x = 1732783534845070723523361588749928168171195348232624869486087669907764145571;
    uint256 constant IC1y = 15635745856896548304618547267115958250148393942724125567637723139915426739158;
    
    uint256 constant IC2x = 18836198371264145601659936027816442197691300168074391661120108351832381233893;
    uint256 constant IC2y = 7491874623834043756545562799805993373112877867509443250321413555643876760974;
    
    uint256 constant IC3x = 1909316325840141912163755297481412390880769390812580061318131985432490874274;
    uint256 constant IC3y = 1881655418173065931546225071017254934746939411090210789247548789556004564901;
    
    uint256 constant IC4x = 17835663717914219265007582545886569752637934500819202409276410649533700507247;
    uint256 constant IC4y = 293106956616959746145094874434973591307752636238257756590711302446443449252;
    
    uint256 constant IC5x = 15106613659669327978555953000273429357961693649502269465052400612939126471989;
    uint256 constant IC5y = 4608052790152376487022556770316586733965304334651201093437227214254408196420;
    
    uint256 constant IC6x = 10565894030549645771778716850460791682547992091302531779539104483835994507488;
    uint256 constant IC6y = 3632720090583424027338203179755114561290145736358138245588865334840686383217;
    
    uint256 constant IC7x = 8688068850507360058704751656813640363707496358197129756253163646556452135490;
    uint256 constant IC7y = 6511899403614806350719647011614041520111344071235202311787102971832772091851;
    
    uint256 constant IC8x = 16969763305307350192613055410974290037252562918436382487989896234448304208882;
    uint256 constant IC8y = 447210677644900081749005213013498232917674323574745409672637660379540899354;
    
    uint256 constant IC9x = 13618650325473278498871908150001816885336192749784121277080003506668866080682;
    uint256 constant IC9y = 4680983269898328266809352299821505577240140973614797690134923136118024398717;
    
    uint256 constant IC10x = 20077449120566626494560913651670275402271351870341802543646177193904900305523;
    uint256 constant IC10y = 13636421896138438737772349124597356492697927855495721055736372392457598243217;
    
    uint256 constant IC11x = 3023981632374794790212549209222771208094691421228782404762464353844913752259;
    uint256 constant IC11y = 20210811917465006336450997195030968970681684800644612091452270527923910656631;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[11] calldata _pubSignals) public view returns (bool) {
        assembly {
            function checkField(v) {
                if iszero(lt(v, r)) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }
            
            // G1 function to multiply a G1 value(x,y) to value in an address
            function g1_mulAccC(pR, x, y, s) {
                let success
                let mIn := mload(0x40)
                mstore(mIn, x)
                mstore(add(mIn, 32), y)
                mstore(add(mIn, 64), s)

                success := staticcall(sub(gas(), 2000), 7, mIn, 96, mIn, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }

                mstore(add(mIn, 64), mload(pR))
                mstore(add(mIn, 96), mload(add(pR, 32)))

                success := staticcall(sub(gas(), 2000), 6, mIn, 128, pR, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }

            function checkPairing(pA, pB, pC, pubSignals, pMem) -> isOk {
                let _pPairing := add(pMem, pPairing)
                let _pVk := add(pMem, pVk)

                mstore(_pVk, IC0x)
                mstore(add(_pVk, 32), IC0y)

                // Compute the linear combination vk_x
                
                g1_mulAccC(_pVk, IC1x, IC1y, calldataload(add(pubSignals, 0)))
                
                g1_mulAccC(_pVk, IC2x, IC2y, calldataload(add(pubSignals, 32)))
                
                g1_mulAccC(_pVk, IC3x, IC3y, calldataload(add(pubSignals, 64)))
                
                g1_mulAccC(_pVk, IC4x, IC4y, calldataload(add(pubSignals, 96)))
                
                g1_mulAccC(_pVk, IC5x, IC5y, calldataload(add(pubSignals, 128)))
                
                g1_mulAccC(_pVk, IC6x, IC6y, calldataload(add(pubSignals, 160)))
                
                g1_mulAccC(_pVk, IC7x, IC7y, calldataload(add(pubSignals, 192)))
                
                g1_mulAccC(_pVk, IC8x, IC8y, calldataload(add(pubSignals, 224)))
                
                g1_mulAccC(_pVk, IC9x, IC9y, calldataload(add(pubSignals, 256)))
                
                g1_mulAccC(_pVk, IC10x, IC10y, calldataload(add(pubSignals, 288)))
                
                g1_mulAccC(_pVk, IC11x, IC11y, calldataload(add(pubSignals, 320)))
                

                // -A
                mstore(_pPairing, calldataload(pA))
                mstore(add(_pPairing, 32), mod(sub(q, calldataload(add(pA, 32))), q))

                // B
                mstore(add(_pPairing, 64), calldataload(pB))
                mstore(add(_pPairing, 96), calldataload(add(pB, 32)))
                mstore(add(_pPairing, 128), calldataload(add(pB, 64)))
                mstore(add(_pPairing, 160), calldataload(add(pB, 96)))

                // alpha1
                mstore(add(_pPairing, 192), alphax)
                mstore(add(_pPairing, 224), alphay)

                // beta2
                mstore(add(_pPairing, 256), betax1)
                mstore(add(_pPairing, 288), betax2)
                mstore(add(_pPairing, 320), betay1)
                mstore(add(_pPairing, 352), betay2)

                // vk_x
                mstore(add(_pPairing, 384), mload(add(pMem, pVk)))
                mstore(add(_pPairing, 416), mload(add(pMem, add(pVk, 32))))


                // gamma2
                mstore(add(_pPairing, 448), gammax1)
                mstore(add(_pPairing, 480), gammax2)
                mstore(add(_pPairing, 512), gammay1)
                mstore(add(_pPairing, 544), gammay2)

                // C
                mstore(add(_pPairing, 576), calldataload(pC))
                mstore(add(_pPairing, 608), calldataload(add(pC, 32)))

                // delta2
                mstore(add(_pPairing, 640), deltax1)
                mstore(add(_pPairing, 672), deltax2)
                mstore(add(_pPairing, 704), deltay1)
                mstore(add(_pPairing, 736), deltay2)


                let success := staticcall(sub(gas(), 2000), 8, _pPairing, 768, _pPairing, 0x20)

                isOk := and(success, mload(_pPairing))
            }

            let pMem := mload(0x40)
            mstore(0x40, add(pMem, pLastMem))

            // Validate that all evaluations ∈ F
            
            checkField(calldataload(add(_pubSignals, 0)))
            
            checkField(calldataload(add(_pubSignals, 32)))
            
            checkField(calldataload(add(_pubSignals, 64)))
            
            checkField(calldataload(add(_pubSignals, 96)))
            
            checkField(calldataload(add(_pubSignals, 128)))
            
            checkField(calldataload(add(_pubSignals, 160)))
            
            checkField(calldataload(add(_pubSignals, 192)))
            
            checkField(calldataload(add(_pubSignals, 224)))
            
            checkField(calldataload(add(_pubSignals, 256)))
            
            checkField(calldataload(add(_pubSignals, 288)))
            
            checkField(calldataload(add(_pubSignals, 320)))
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
