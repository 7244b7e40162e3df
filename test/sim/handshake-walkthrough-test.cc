// handshake-walkthrough prints the connection timeline as shared/seeds/ tell it: the three-way
// handshake, the GET and its response, the four-way teardown and TIME_WAIT's end, one row per event
// in time order, with both sides' states throughout.
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

/** One row of the table, parsed. */
struct TimelineRow
{
    std::string text;
    double ms;
    std::string actor; //!< client, server or link
    std::string verb;  //!< sends, resends, receives, drops, listens, timer
    std::string arrow; //!< -> (client to server), <- or empty
    std::string flags;
    long relativeSeq{-1};
    long relativeAck{-1};
    long length{-1};
    std::vector<std::string> client; //!< the client's state, then each state it entered
    std::vector<std::string> server;
    std::string note;
};

std::vector<std::string>
SplitStates(const std::string& path)
{
    std::vector<std::string> states;
    std::regex state(R"([A-Z_0-9]+)");
    for (auto it = std::sregex_iterator(path.begin(), path.end(), state); it != std::sregex_iterator(); ++it)
    {
        states.push_back(it->str());
    }
    return states;
}

/** The table's rows; a line that looks like a row but does not parse fails the test. */
std::vector<TimelineRow>
TimelineRows(const std::string& output)
{
    static const std::regex row(
        R"(^ *([\d.]+)  (client|server|link) +(sends|resends|receives|drops|listens|timer) *(->|<-)? +)"
        R"((?:([A-Z,]+) +\d+ \((\d+)\) +\d+ \((\d+)\) +(\d+) +)?)"
        R"(([A-Z_0-9]+(?: -> [A-Z_0-9]+)*) +([A-Z_0-9]+(?: -> [A-Z_0-9]+)*)(?: +(.*))?$)");
    std::vector<TimelineRow> rows;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line))
    {
        if (!std::regex_search(line, std::regex(R"(^ *[\d.]+  (client|server|link) )")))
        {
            continue;
        }
        std::smatch m;
        if (!std::regex_match(line, m, row))
        {
            ADD_FAILURE() << "a row that does not parse: " << line;
            continue;
        }
        TimelineRow r;
        r.text = line;
        r.ms = std::stod(m[1]);
        r.actor = m[2];
        r.verb = m[3];
        r.arrow = m[4];
        r.flags = m[5];
        if (m[6].matched)
        {
            r.relativeSeq = std::stol(m[6]);
            r.relativeAck = std::stol(m[7]);
            r.length = std::stol(m[8]);
        }
        r.client = SplitStates(m[9]);
        r.server = SplitStates(m[10]);
        r.note = m[11];
        rows.push_back(r);
    }
    return rows;
}

/**
 * The rows are in time order and each side's states follow on from row to row: a row starts each
 * side where the row before left it, and only the acting side changes state. An empty string when
 * they do, else the first row that does not.
 */
std::string
CheckOrderAndStates(const std::vector<TimelineRow>& rows)
{
    for (size_t i = 1; i < rows.size(); ++i)
    {
        const TimelineRow& a = rows[i - 1];
        const TimelineRow& b = rows[i];
        if (b.ms < a.ms)
        {
            return "out of time order: " + b.text;
        }
        if (b.client.front() != a.client.back() || b.server.front() != a.server.back())
        {
            return "states do not follow on:\n" + a.text + "\n" + b.text;
        }
        if ((b.client.size() > 1 && b.actor != "client") || (b.server.size() > 1 && b.actor != "server"))
        {
            return "a side changes state in a row where it does not act: " + b.text;
        }
    }
    return "";
}

/** The index of the first row from \p from on that \p match accepts; rows.size() if none. */
template <typename Match>
size_t
Find(const std::vector<TimelineRow>& rows, Match match, size_t from = 0)
{
    for (size_t i = from; i < rows.size(); ++i)
    {
        if (match(rows[i]))
        {
            return i;
        }
    }
    return rows.size();
}

/** The packets the client's capture holds: what it sent and what reached it. */
size_t
ClientSideSegments(const std::vector<TimelineRow>& rows)
{
    return std::count_if(rows.begin(), rows.end(), [](const TimelineRow& r) {
        return r.actor == "client" && (r.verb == "sends" || r.verb == "resends" || r.verb == "receives");
    });
}

std::string
Join(const std::vector<std::string>& states)
{
    std::string text;
    for (const auto& s : states)
    {
        text += (text.empty() ? "" : " -> ") + s;
    }
    return text;
}

} // namespace

TEST(HandshakeWalkthrough, TimelineFollowsTheSeeds)
{
    std::string out = SimProgram::FreshDir("walkthrough");
    std::string log = out + ".log";
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--size=1000 --out=" + out, log), 0);
    std::string output = SimProgram::ReadFile(log);
    auto rows = TimelineRows(output);
    ASSERT_GE(rows.size(), 16u) << output;
    EXPECT_EQ(CheckOrderAndStates(rows), "") << output;

    // Three-way handshake: SYN seq=J (rel 0); SYN-ACK seq=K ack=J+1; ACK ack=K+1; each as sent,
    // then as received 20 ms later, with the state each side enters.
    auto expect = [&](size_t i, const char* actor, const char* verb, const char* flags, long seq,
                      long ack, const char* client, const char* server) {
        ASSERT_LT(i, rows.size()) << output;
        const TimelineRow& r = rows[i];
        EXPECT_EQ(r.actor + " " + r.verb + " " + r.flags, std::string(actor) + " " + verb + " " + flags) << r.text;
        EXPECT_EQ(r.relativeSeq, seq) << r.text;
        EXPECT_EQ(r.relativeAck, ack) << r.text;
        EXPECT_EQ(Join(r.client), client) << r.text;
        EXPECT_EQ(Join(r.server), server) << r.text;
    };
    expect(0, "client", "sends", "SYN", 0, 0, "CLOSED -> SYN_SENT", "LISTEN");
    expect(1, "server", "receives", "SYN", 0, 0, "SYN_SENT", "LISTEN -> SYN_RCVD");
    expect(2, "server", "sends", "SYN,ACK", 0, 1, "SYN_SENT", "SYN_RCVD");
    expect(3, "client", "receives", "SYN,ACK", 0, 1, "SYN_SENT -> ESTABLISHED", "SYN_RCVD");
    expect(4, "client", "sends", "ACK", 1, 1, "ESTABLISHED", "SYN_RCVD");
    EXPECT_NEAR(rows[1].ms - rows[0].ms, 20, 0.2) << "one-way delay 20 ms";
    size_t established = Find(rows, [](const TimelineRow& r) {
        return r.actor == "server" && r.verb == "receives" && Join(r.server) == "SYN_RCVD -> ESTABLISHED";
    });
    EXPECT_LT(established, rows.size()) << output;
    // The request and the response, as real HTTP text.
    EXPECT_LT(Find(rows, [](const TimelineRow& r) {
                  return r.verb == "sends" && r.arrow == "->" && r.note == "\"GET /bytes/1000 HTTP/1.1\"";
              }),
              rows.size())
        << output;
    EXPECT_LT(Find(rows, [](const TimelineRow& r) {
                  return r.actor == "client" && r.verb == "receives" && r.note == "\"HTTP/1.1 200 OK\"";
              }),
              rows.size())
        << output;

    // Teardown: the server's FIN takes the client through CLOSE_WAIT; the client's FIN takes the
    // server to TIME_WAIT; the last ACK closes the client; 2 MSL (60 s, Linux) later the server's
    // TIME_WAIT ends on its timer.
    size_t serverFin = Find(rows, [](const TimelineRow& r) {
        return r.actor == "client" && r.verb == "receives" && r.flags == "FIN,ACK" &&
               std::count(r.client.begin(), r.client.end(), "CLOSE_WAIT") == 1;
    });
    size_t timeWait = Find(rows, [](const TimelineRow& r) {
        return r.actor == "server" && r.verb == "receives" && r.flags == "FIN,ACK" && r.server.back() == "TIME_WAIT";
    });
    size_t lastAck = Find(rows, [](const TimelineRow& r) {
        return r.actor == "client" && r.verb == "receives" && r.flags == "ACK" && Join(r.client) == "LAST_ACK -> CLOSED";
    });
    ASSERT_LT(serverFin, rows.size()) << output;
    ASSERT_LT(timeWait, rows.size()) << output;
    ASSERT_LT(lastAck, rows.size()) << output;
    EXPECT_LT(serverFin, timeWait);
    EXPECT_LT(timeWait, lastAck);
    const TimelineRow& end = rows.back();
    EXPECT_EQ(end.actor + " " + end.verb + " " + Join(end.server), "server timer TIME_WAIT -> CLOSED") << end.text;
    EXPECT_NEAR(end.ms - rows[timeWait].ms, 60000, 0.001) << output;
    EXPECT_NE(output.find("final states: client CLOSED, server CLOSED"), std::string::npos) << output;

    // The pcap it writes shows the same lifecycle to tshark, a packet for each segment the client
    // sent or received.
    auto decoded = PcapChecker::Decode(out + "/walkthrough-client.pcap");
    ASSERT_EQ(decoded.error, "");
    auto conversations = TcpConversation::Split(decoded.packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckHandshake(), "");
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
    EXPECT_EQ(decoded.packets.size(), ClientSideSegments(rows));
    // And each segment sent is received, none lost.
    auto count = [&](const char* verb) {
        return std::count_if(rows.begin(), rows.end(), [verb](const TimelineRow& r) { return r.verb == verb; });
    };
    EXPECT_EQ(count("sends"), count("receives"));
    EXPECT_EQ(count("drops") + count("resends"), 0);
}

namespace
{

/** Runs the walkthrough with \p drop; its timeline rows, checked for order, states and the pcap. */
std::vector<TimelineRow>
RowsWithDrop(const std::string& drop, std::string* output)
{
    std::string out = SimProgram::FreshDir("walkthrough-drop");
    std::string log = out + ".log";
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--drop=" + drop + " --out=" + out, log), 0);
    *output = SimProgram::ReadFile(log);
    EXPECT_NE(output->find("final states: client CLOSED, server CLOSED"), std::string::npos) << *output;
    std::vector<TimelineRow> rows = TimelineRows(*output);
    EXPECT_EQ(CheckOrderAndStates(rows), "") << *output;
    // The client's capture (tshark, checksums verified) has what the client sent, its lost segments
    // too, and what reached it.
    auto decoded = PcapChecker::Decode(out + "/walkthrough-client.pcap");
    EXPECT_EQ(decoded.error, "");
    for (const auto& p : decoded.packets)
    {
        EXPECT_EQ(p.ipChecksum, ChecksumStatus::GOOD) << p.Describe();
        EXPECT_EQ(p.tcpChecksum, ChecksumStatus::GOOD) << p.Describe();
    }
    EXPECT_EQ(decoded.packets.size(), ClientSideSegments(rows)) << *output;
    return rows;
}

size_t
Drops(const std::vector<TimelineRow>& rows)
{
    return std::count_if(rows.begin(), rows.end(), [](const TimelineRow& r) { return r.verb == "drops"; });
}

} // namespace

TEST(HandshakeWalkthrough, LostSynIsMarkedThenRetransmittedAfterOneSecond)
{
    std::string output;
    auto rows = RowsWithDrop("c2s:syn", &output);
    ASSERT_GE(rows.size(), 4u) << output;
    EXPECT_EQ(rows[0].actor + " " + rows[0].verb + " " + rows[0].flags, "client sends SYN") << rows[0].text;
    EXPECT_EQ(rows[0].note, "(never arrives)") << rows[0].text;
    EXPECT_EQ(rows[1].actor + " " + rows[1].verb + " " + rows[1].flags, "link drops SYN") << rows[1].text;
    EXPECT_EQ(rows[1].note, "<<< LOST (dropped by c2s:syn) >>>") << rows[1].text;
    EXPECT_EQ(Join(rows[1].client) + " " + Join(rows[1].server), "SYN_SENT LISTEN") << rows[1].text;
    EXPECT_EQ(rows[2].actor + " " + rows[2].verb + " " + rows[2].flags, "client resends SYN") << rows[2].text;
    EXPECT_EQ(rows[2].relativeSeq, 0) << rows[2].text;
    EXPECT_EQ(Join(rows[3].server), "LISTEN -> SYN_RCVD") << rows[3].text;
    // Sent again 1 s after the first: the initial RTO (RFC 6298 2.1).
    EXPECT_NEAR(rows[2].ms - rows[0].ms, 1000, 0.001) << output;
    EXPECT_EQ(Drops(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, LostSynAckIsMarkedAndARetransmissionEstablishes)
{
    std::string output;
    auto rows = RowsWithDrop("s2c:synack", &output);
    size_t lost = Find(rows, [](const TimelineRow& r) {
        return r.verb == "drops" && r.flags == "SYN,ACK" && r.note == "<<< LOST (dropped by s2c:synack) >>>";
    });
    ASSERT_LT(lost, rows.size()) << output;
    EXPECT_EQ(Join(rows[lost].client), "SYN_SENT") << rows[lost].text;
    EXPECT_LT(Find(rows,
                   [](const TimelineRow& r) {
                       return r.actor == "client" && r.verb == "receives" && r.flags == "SYN,ACK" &&
                              Join(r.client) == "SYN_SENT -> ESTABLISHED";
                   },
                   lost + 1),
              rows.size())
        << "a later SYN-ACK repairs it: " << output;
    EXPECT_EQ(Drops(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, LostFinalAckLeavesTheServerInSynRcvdUntilTheRequest)
{
    std::string output;
    auto rows = RowsWithDrop("c2s:ack=1", &output);
    size_t lost = Find(rows, [](const TimelineRow& r) { return r.verb == "drops"; });
    ASSERT_LT(lost, rows.size()) << output;
    EXPECT_EQ(rows[lost].flags + " " + std::to_string(rows[lost].relativeSeq) + " " +
                  std::to_string(rows[lost].relativeAck) + " " + rows[lost].note,
              "ACK 1 1 <<< LOST (dropped by c2s:ack=1) >>>")
        << rows[lost].text;
    EXPECT_EQ(Join(rows[lost].server), "SYN_RCVD") << rows[lost].text;
    size_t request = Find(rows, [](const TimelineRow& r) {
        return r.actor == "server" && r.verb == "receives" && r.note == "\"GET /bytes/1000 HTTP/1.1\"";
    });
    ASSERT_LT(request, rows.size()) << output;
    EXPECT_EQ(Join(rows[request].server).rfind("SYN_RCVD -> ESTABLISHED", 0), 0u)
        << "the request's ACK completes the server's handshake: " << rows[request].text;
}

TEST(HandshakeWalkthrough, LostFinIsMarkedAndRetransmitted)
{
    std::string output;
    auto rows = RowsWithDrop("s2c:fin", &output);
    size_t lost = Find(rows, [](const TimelineRow& r) {
        return r.verb == "drops" && r.flags == "FIN,ACK" && r.note == "<<< LOST (dropped by s2c:fin) >>>";
    });
    ASSERT_LT(lost, rows.size()) << output;
    size_t resent = Find(rows, [](const TimelineRow& r) {
        return r.actor == "server" && r.verb == "resends" && r.flags == "FIN,ACK";
    }, lost + 1);
    ASSERT_LT(resent, rows.size()) << output;
    EXPECT_LT(Find(rows,
                   [](const TimelineRow& r) {
                       return r.actor == "client" && r.verb == "receives" && r.flags == "FIN,ACK" &&
                              std::count(r.client.begin(), r.client.end(), "CLOSE_WAIT") == 1;
                   },
                   resent + 1),
              rows.size())
        << "the retransmitted FIN takes the client to CLOSE_WAIT: " << output;
    EXPECT_EQ(Drops(rows), 1u) << output;
}

TEST(HandshakeWalkthrough, WithDnsTheQueryAndItsAnswerComeBeforeTheSyn)
{
    std::string out = SimProgram::FreshDir("walkthrough-dns");
    std::string log = out + ".log";
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_WALKTHROUGH_BINARY, "--dns=on --out=" + out, log), 0);
    std::string output = SimProgram::ReadFile(log);
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);)
    {
        if (line.find(" -> ") != std::string::npos || line.find(" <- ") != std::string::npos ||
            line.find("->  ") != std::string::npos || line.find("<-  ") != std::string::npos)
        {
            lines.push_back(line);
        }
    }
    ASSERT_GE(lines.size(), 5u) << output;
    // The seeds' first step: the name is resolved, then the three-way handshake begins.
    const std::regex query(R"(^ +1000\.000  client sends    ->  DNS query id (\d+) +32  CLOSED +LISTEN +"A\? server\.example"$)");
    std::smatch id;
    ASSERT_TRUE(std::regex_match(lines[0], id, query)) << lines[0];
    EXPECT_NE(lines[1].find("1020.050  server receives ->  DNS query id " + id[1].str()), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("server sends    <-  DNS resp  id " + id[1].str()), std::string::npos) << lines[2];
    EXPECT_NE(lines[2].find("\"server.example A 10.1.1.2, TTL 300\""), std::string::npos) << lines[2];
    EXPECT_NE(lines[3].find("1040.112  client receives <-  DNS resp  id " + id[1].str()), std::string::npos)
        << lines[3];
    EXPECT_NE(lines[4].find("1040.112  client sends    ->  SYN "), std::string::npos) << "the SYN after the answer: "
                                                                                    << lines[4];
    EXPECT_NE(output.find("final states: client CLOSED, server CLOSED"), std::string::npos) << output;
    // The capture has them too: tshark decodes the query and the answer before the SYN.
    std::vector<std::string> decoded =
        PcapChecker::Lines(out + "/walkthrough-client.pcap", "-Y 'dns || tcp.flags.syn == 1' -T fields "
                                                             "-e dns.qry.name -e dns.a -e tcp.flags.syn -E separator=' '");
    ASSERT_GE(decoded.size(), 3u);
    EXPECT_EQ(std::vector<std::string>(decoded.begin(), decoded.begin() + 3),
              (std::vector<std::string>{"server.example  ", "server.example 10.1.1.2 ", "  1"}));
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
