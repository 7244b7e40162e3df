// Issue 23 [robustness], the cases a hostile trial found, each reproduced by running handshake-sim
// as a user would.
#include "sim-program.h"

#include <gtest/gtest.h>

#include <string>

using ::handshake::test::SimProgram;

namespace
{

TEST(HandshakeSimRobustness, ASendBufferSmallerThanTheRequestTakesItInPieces)
{
    // --ns3::TcpSocket::SndBufSize=100 (or 20) aborted on an assert in the HTTP client with either TCP:
    // a GET is 40 to 110 bytes. Now the client writes it as room opens.
    for (std::string tcp : {"handshake", "ns3"})
    {
        std::string db = SimProgram::RunForResults(
            HANDSHAKE_SIM_BINARY,
            "small-sndbuf-" + tcp,
            "--clients=3 --requests=2 --persistent --size=5000 --pcap=none --tcp=" + tcp +
                " --ns3::TcpSocket::SndBufSize=20");
        EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 6)
            << tcp;
        SimProgram::ExpectEveryOutcomeRecorded(db, 6);
    }
}

} // namespace
