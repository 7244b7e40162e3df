// handshake-walkthrough prints the connection timeline as shared/seeds/ draw it: the three-way
// handshake, the GET and its response, the four-way teardown, and both sides' states throughout.
#include "pcap-checker.h"
#include "sim-program.h"
#include "tcp-conversation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using ::handshake::test::ChecksumStatus;
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

namespace
{

/** Runs the walkthrough with \p drop; its timeline rows. */
std::vector<std::string>
RowsWithDrop(const std::string& drop, std::string* output)
{
    std::string out = SimProgram::FreshDir("walkthrough-drop");
    std::string log = out + ".log";
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--drop=" + drop + " --out=" + out, log), 0);
    *output = SimProgram::ReadFile(log);
    EXPECT_NE(output->find("final states: client CLOSED, server CLOSED"), std::string::npos) << *output;
    std::vector<std::string> rows = TimelineRows(*output);
    // The client's capture (tshark, checksums verified) has every row but the server's lost segments:
    // the client sent its lost ones, the server's never reached it.
    auto decoded = PcapChecker::Decode(out + "/walkthrough-client.pcap");
    EXPECT_EQ(decoded.error, "");
    for (const auto& p : decoded.packets)
    {
        EXPECT_EQ(p.ipChecksum, ChecksumStatus::GOOD) << p.Describe();
        EXPECT_EQ(p.tcpChecksum, ChecksumStatus::GOOD) << p.Describe();
    }
    auto lostFromServer = std::count_if(rows.begin(), rows.end(), [](const std::string& row) {
        return row.find("client <- server") != std::string::npos && row.find("<<< LOST") != std::string::npos;
    });
    EXPECT_EQ(decoded.packets.size(), rows.size() - lostFromServer) << *output;
    return rows;
}

/** The index of the first row from \p from on that matches \p pattern; rows.size() if none. */
size_t
Find(const std::vector<std::string>& rows, const std::string& pattern, size_t from = 0)
{
    for (size_t i = from; i < rows.size(); ++i)
    {
        if (Matches(rows[i], pattern))
        {
            return i;
        }
    }
    return rows.size();
}

size_t
LostRows(const std::vector<std::string>& rows)
{
    return std::count_if(rows.begin(), rows.end(), [](const std::string& row) {
        return row.find("<<< LOST") != std::string::npos;
    });
}

} // namespace

TEST(HandshakeWalkthrough, LostSynIsMarkedThenRetransmittedAfterOneSecond)
{
    std::string output;
    auto rows = RowsWithDrop("c2s:syn", &output);
    ASSERT_GE(rows.size(), 2u) << output;
    EXPECT_TRUE(Matches(rows[0], R"(client -> server +SYN +\d+ \(0\) .*CLOSED -> SYN_SENT +\(never arrives\) +<<< LOST \(dropped by c2s:syn\) >>>)"))
        << rows[0];
    EXPECT_TRUE(Matches(rows[1], R"(client -> server +SYN +\d+ \(0\) .*SYN_SENT +LISTEN -> SYN_RCVD)")) << rows[1];
    // Both rows are at the end of the link (the lost one where it was dropped), 1 s apart: the
    // initial RTO (RFC 6298 2.1).
    EXPECT_NEAR(std::stod(rows[1]) - std::stod(rows[0]), 1000, 0.5) << output;
    EXPECT_EQ(LostRows(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, LostSynAckIsMarkedAndARetransmissionEstablishes)
{
    std::string output;
    auto rows = RowsWithDrop("s2c:synack", &output);
    size_t lost = Find(rows, R"(client <- server +SYN,ACK .*\(never arrives\) +SYN_RCVD +<<< LOST \(dropped by s2c:synack\) >>>)");
    ASSERT_LT(lost, rows.size()) << output;
    EXPECT_LT(Find(rows, R"(client <- server +SYN,ACK .*SYN_SENT -> ESTABLISHED +SYN_RCVD)", lost + 1), rows.size())
        << "a later SYN-ACK repairs it: " << output;
    EXPECT_EQ(LostRows(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, LostFinalAckLeavesTheServerInSynRcvdUntilTheRequest)
{
    std::string output;
    auto rows = RowsWithDrop("c2s:ack=1", &output);
    ASSERT_GE(rows.size(), 4u) << output;
    EXPECT_TRUE(Matches(rows[2], R"(client -> server +ACK +\d+ \(1\) +\d+ \(1\) +0 +ESTABLISHED +\(never arrives\) +<<< LOST \(dropped by c2s:ack=1\) >>>)"))
        << rows[2];
    EXPECT_TRUE(Matches(rows[3], R"(client -> server .*ESTABLISHED +SYN_RCVD -> ESTABLISHED +"GET /bytes/1000 HTTP/1.1")"))
        << "the request's ACK completes the server's handshake: " << rows[3];
}

TEST(HandshakeWalkthrough, LostFinIsMarkedAndRetransmitted)
{
    std::string output;
    auto rows = RowsWithDrop("s2c:fin", &output);
    size_t lost = Find(rows, R"(client <- server +FIN,ACK .*\(never arrives\) .*<<< LOST \(dropped by s2c:fin\) >>>)");
    ASSERT_LT(lost, rows.size()) << output;
    EXPECT_LT(Find(rows, R"(client <- server +FIN,ACK .*CLOSE_WAIT)", lost + 1), rows.size())
        << "the retransmitted FIN takes the client to CLOSE_WAIT: " << output;
    EXPECT_EQ(LostRows(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, MalformedDropExits2)
{
    std::string out = SimProgram::FreshDir("walkthrough-bad-drop");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--drop=c2s:sin --out=" + out, out + ".log"), 2);
    EXPECT_EQ(SimProgram::ReadFile(out + ".log"),
              "handshake-walkthrough: --drop: 'c2s:sin': WHAT must be one of syn, synack, fin, rst, data=X, "
              "ack=A\n");
}

/** The walkthrough parses its flags with FlagSet, as handshake-sim and handshake-emu do (issue 19):
 *  a bad or unknown flag is one line naming it and exit 2, nothing written. */
TEST(HandshakeWalkthrough, BadFlagsAreOneLineAndExit2)
{
    const std::pair<const char*, const char*> cases[] = {
        {"--delay=abc", "--delay: 'abc' is not a delay in ms, 0..10000"},
        {"--delay=-1", "--delay: '-1' is not a delay in ms"},
        {"--size=1e9", "--size: '1e9' is not a whole number in 0..100000000"},
        {"--dleay=5", "--dleay: unknown flag"},
        {"--drop=c2s:sin", "--drop: 'c2s:sin'"},
    };
    for (const auto& [flag, expected] : cases)
    {
        std::string out = SimProgram::FreshDir("walkthrough-bad");
        std::string log = out + ".log";
        EXPECT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, std::string(flag) + " --out=" + out, log), 2) << flag;
        std::string text = SimProgram::ReadFile(log);
        EXPECT_NE(text.find(expected), std::string::npos) << flag << ": " << text;
        EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
        EXPECT_FALSE(std::ifstream(out + "/walkthrough-client.pcap").good());
    }
}
