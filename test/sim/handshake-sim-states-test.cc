// Issue 20, "States and times come from the TCP, not from the wire": on lossy runs with several
// clients, with our TCP and with ns-3's stock TCP, every state the `segments` table and report.html's
// ladders show is the client TCP's own state at that time (the `states` table, from its state trace),
// each side's states follow each other in time, and a connection row's times come in the order of the
// states they mark. Nothing there is inferred from the wire (state_source 'tcp'; the wire-only case
// is ConnectionRecorder.WithoutTheTcpsTraceStatesAreMarkedInferredFromTheWire).
#include "sim-program.h"
#include "state-timeline.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using handshake::test::SimProgram;
using handshake::test::StateTimeline;

namespace
{

std::vector<std::vector<std::string>>
Rows(const std::string& db, const std::string& sql)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(SimProgram::QueryRows(db, sql));
    std::string line;
    while (std::getline(lines, line))
    {
        std::vector<std::string> fields;
        std::istringstream parts(line);
        std::string field;
        while (std::getline(parts, field, '|'))
        {
            fields.push_back(field);
        }
        rows.push_back(fields);
    }
    return rows;
}

/** (connection id, side) -> its states as the TCP traced them. */
std::map<std::pair<int64_t, std::string>, StateTimeline>
States(const std::string& db)
{
    std::map<std::pair<int64_t, std::string>, StateTimeline> states;
    for (const auto& r : Rows(db, "SELECT connection_id, side, time, state_before, state_after FROM states "
                                  "ORDER BY rowid"))
    {
        states[{std::stoll(r[0]), r[1]}].Add(std::stod(r[2]), r[3], r[4]);
    }
    return states;
}

/** "A &#8594; B" or "A" of a ladder's state column. */
std::pair<std::string, std::string>
BeforeAfter(const std::string& text)
{
    const std::string arrow = " &#8594; ";
    size_t at = text.find(arrow);
    return at == std::string::npos ? std::make_pair(text, text)
                                   : std::make_pair(text.substr(0, at), text.substr(at + arrow.size()));
}

void
ExpectStatesFromTheTcp(const std::string& tcp)
{
    std::string out = SimProgram::FreshDir("states-" + tcp);
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=6 --servers=1 --requests=3 --size=30000 --loss=0.1 --pcap=all "
                              "--delay=20 --RngRun=5 --tcp=" + tcp + " --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT sum(retransmissions) FROM connections"), 0) << "a lossy run";
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT count(*) FROM segments"), 0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT count(*) FROM segments WHERE state_source != 'tcp'"), 0);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT count(*) FROM states WHERE source != 'tcp'"), 0);
    EXPECT_GT(SimProgram::QueryInt(db, "SELECT count(*) FROM states WHERE side = 'server'"), 0)
        << "the servers' TCP traces reach the connections too";

    auto states = States(db);
    for (const auto& [key, timeline] : states)
    {
        EXPECT_EQ(timeline.OrderError(), "") << "connection " << key.first << ", " << key.second;
    }
    // A connection row's times in the order of the states they mark (issue 20: `closed` before
    // `time_wait_entered` with final state TIME_WAIT), and equal to the states the TCP entered.
    EXPECT_EQ(SimProgram::QueryRows(
                  db, "SELECT id FROM connections WHERE established < syn_sent OR fin_sent < syn_sent OR "
                      "time_wait_entered < fin_sent OR time_wait_entered < fin_received OR closed < "
                      "time_wait_entered OR closed < syn_sent OR (final_state = 'TIME_WAIT' AND closed IS "
                      "NOT NULL) OR server_closed < server_time_wait_entered OR server_closed < "
                      "server_fin_sent"),
              "");
    EXPECT_EQ(SimProgram::QueryRows(
                  db, "SELECT c.id FROM connections c WHERE c.id IN (SELECT connection_id FROM states) AND ("
                      "time_wait_entered IS NOT (SELECT min(time) FROM states WHERE connection_id = c.id "
                      "AND side = 'client' AND state_after = 'TIME_WAIT') OR server_time_wait_entered IS "
                      "NOT (SELECT min(time) FROM states WHERE connection_id = c.id AND side = 'server' "
                      "AND state_after = 'TIME_WAIT'))"),
              "");

    // Every segment row: the client's TCP was in state_before, then state_after, at that time.
    size_t rows = 0;
    for (const auto& r : Rows(db, "SELECT connection_id, time, state_before, state_after, direction, flags "
                                  "FROM segments ORDER BY rowid"))
    {
        const StateTimeline& timeline = states[{std::stoll(r[0]), "client"}];
        double t = std::stod(r[1]);
        EXPECT_TRUE(timeline.Shows(t, 1e-9, r[2], r[3]))
            << "connection " << r[0] << " at " << r[1] << " " << r[4] << " [" << r[5] << "] shows " << r[2]
            << " -> " << r[3] << "; the TCP: " << timeline.Around(t, 0);
        ++rows;
    }
    EXPECT_GT(rows, 0u);

    // Every state a ladder of report.html shows (its times: ms after the connection's first segment,
    // to the microsecond).
    std::string html = SimProgram::ReadFile(out + "/report.html");
    // A row is a segment's (the client's state) or a state change of either side (its group says
    // which): each is checked against that side's own TCP.
    std::regex row("<g class=\"([^\"]*)\">(?:<circle[^>]*/>)?<text class=\"time\" x=\"6\" y=\"[^\"]*\">([0-9.]+) "
                   "ms</text><text class=\"state([^\"]*)\"[^>]*>([^<]*)</text>");
    size_t ladders = 0;
    size_t shown = 0;
    size_t serverShown = 0;
    for (size_t at = html.find("<h3>Connection ", html.find("<h2>Ladder diagrams")); at != std::string::npos;
         ++ladders)
    {
        size_t next = html.find("<h3>Connection ", at + 1);
        std::string part = html.substr(at, next == std::string::npos ? std::string::npos : next - at);
        int64_t id = std::stoll(part.substr(std::string("<h3>Connection ").size()));
        double first = std::stod(SimProgram::QueryRows(
            db, "SELECT min(time) FROM segments WHERE connection_id = " + std::to_string(id)));
        for (std::sregex_iterator m(part.begin(), part.end(), row), end; m != end; ++m)
        {
            std::string side = (*m)[1] == "state-change server" ? "server" : "client";
            const StateTimeline& timeline = states[{id, side}];
            double t = first + std::stod((*m)[2]) / 1000;
            auto [before, after] = BeforeAfter((*m)[4]);
            EXPECT_EQ((*m)[3].str().find("inferred"), std::string::npos);
            EXPECT_TRUE(timeline.Shows(t, 1e-6, before, after))
                << "ladder of connection " << id << " at " << (*m)[2] << " ms shows the " << side << " "
                << (*m)[4] << "; its TCP: " << timeline.Around(t, 1e-6);
            ++shown;
            serverShown += side == "server" ? 1 : 0;
        }
        at = next;
    }
    EXPECT_GT(ladders, 0u);
    EXPECT_GT(shown, 0u);
    EXPECT_GT(serverShown, 0u) << "the server's states are drawn too";
    EXPECT_EQ(html.find("<text class=\"legend\""), std::string::npos) << "no ladder legend: nothing inferred";
}

} // namespace

TEST(HandshakeSimStates, LossyRunShowsOurTcpsOwnStates)
{
    ExpectStatesFromTheTcp("handshake");
}

TEST(HandshakeSimStates, LossyRunShowsStockTcpsOwnStates)
{
    ExpectStatesFromTheTcp("ns3");
}
