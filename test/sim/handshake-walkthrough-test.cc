// handshake-walkthrough prints the connection timeline as shared/seeds/ draw it: the three-way
// handshake, the GET and its response, the four-way teardown, and both sides' states throughout.
#include "pcap-checker.h"
#include "sim-program.h"
#include "tcp-conversation.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

using ::handshake::test::PcapChecker;
using ::handshake::test::SimProgram;
using ::handshake::test::TcpConversation;

namespace
{

/** The table's rows: the lines with a direction arrow. */
std::vector<std::string>
TimelineRows(const std::string& output)
{
    std::vector<std::string> rows;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.find("client -> server") != std::string::npos ||
            line.find("client <- server") != std::string::npos)
        {
            rows.push_back(line);
        }
    }
    return rows;
}

/** True when \p row matches \p pattern (ECMAScript regex, searched anywhere in the row). */
bool
Matches(const std::string& row, const std::string& pattern)
{
    return std::regex_search(row, std::regex(pattern));
}

} // namespace

TEST(HandshakeWalkthrough, TimelineFollowsTheSeeds)
{
    std::string out = SimProgram::FreshDir("walkthrough");
    std::string log = out + ".log";
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--size=1000 --out=" + out, log), 0);
    std::string output = SimProgram::ReadFile(log);
    auto rows = TimelineRows(output);
    ASSERT_GE(rows.size(), 8u) << output;

    // Three-way handshake: SYN seq=J (rel 0); SYN-ACK seq=K ack=J+1; ACK ack=K+1.
    EXPECT_TRUE(Matches(rows[0], R"(client -> server +SYN +\d+ \(0\) .*CLOSED -> SYN_SENT +LISTEN -> SYN_RCVD)"))
        << rows[0];
    EXPECT_TRUE(Matches(rows[1], R"(client <- server +SYN,ACK +\d+ \(0\) +\d+ \(1\) .*SYN_SENT -> ESTABLISHED +SYN_RCVD)"))
        << rows[1];
    EXPECT_TRUE(Matches(rows[2], R"(client -> server +ACK +\d+ \(1\) +\d+ \(1\) .*ESTABLISHED +SYN_RCVD -> ESTABLISHED)"))
        << rows[2];
    // The request and the response, as real HTTP text.
    EXPECT_TRUE(Matches(rows[3], R"(client -> server .*"GET /bytes/1000 HTTP/1.1")")) << rows[3];
    EXPECT_NE(output.find("\"HTTP/1.1 200 OK\""), std::string::npos) << output;

    // Teardown: the server's FIN takes the client through CLOSE_WAIT; the client's FIN takes the
    // server to TIME_WAIT; the last ACK closes the client.
    bool sawServerFin = false;
    bool sawClientFin = false;
    for (const auto& row : rows)
    {
        sawServerFin |= Matches(row, R"(client <- server +FIN,ACK .*CLOSE_WAIT)");
        sawClientFin |= Matches(row, R"(client -> server +FIN,ACK .*-> TIME_WAIT)");
    }
    EXPECT_TRUE(sawServerFin) << output;
    EXPECT_TRUE(sawClientFin) << output;
    EXPECT_TRUE(Matches(rows.back(), R"(client <- server +ACK .*LAST_ACK -> CLOSED +TIME_WAIT)"))
        << rows.back();
    EXPECT_NE(output.find("final states: client CLOSED, server CLOSED"), std::string::npos) << output;

    // The pcap it writes shows the same lifecycle to tshark.
    auto decoded = PcapChecker::Decode(out + "/walkthrough-client.pcap");
    ASSERT_EQ(decoded.error, "");
    auto conversations = TcpConversation::Split(decoded.packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckHandshake(), "");
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
    EXPECT_EQ(decoded.packets.size(), rows.size()) << "one row per segment, none lost";
}
