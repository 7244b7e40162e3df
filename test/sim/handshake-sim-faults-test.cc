// handshake-sim --link-down: a link fails mid-transfer and comes back. Connections recover by
// retransmission or end with the timeout outcome after their retry limits; every connection and
// every request ends with exactly one recorded outcome and the counts add up (issue [hardening]).
#include "sim-program.h"

#include <gtest/gtest.h>

#include <string>

using ::handshake::test::SimProgram;

namespace
{

/** Runs handshake-sim with \p flags; returns the results database. */
std::string
RunWithFaults(const std::string& name, const std::string& flags)
{
    std::string out = SimProgram::FreshDir(name);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=20 --servers=1 --requests=2 --loss=0 --pcap=none " + flags +
                                  " --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    return out + "/results.sqlite";
}

int64_t
Count(const std::string& db, const std::string& sql)
{
    return SimProgram::QueryInt(db, sql);
}

/** Every request has one record, every connection one outcome, and the outcomes add up. */
void
ExpectEveryOutcomeRecorded(const std::string& db)
{
    EXPECT_EQ(Count(db, "SELECT complete FROM runs"), 1);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions"), 40) << "20 clients x 2 requests";
    int64_t connections = Count(db, "SELECT COUNT(*) FROM connections");
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome IN ('closed', 'reset', "
                        "'timeout', 'refused', 'unfinished')"),
              connections);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions WHERE outcome = ''"), 0);
    // Each transaction points at a recorded connection (one connection per request here).
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions t JOIN connections c ON c.id = "
                        "t.connection_id"),
              40);
    EXPECT_EQ(Count(db, "SELECT simulated_seconds < 600 FROM runs"), 1) << "ended before its limit";
}

} // namespace

TEST(HandshakeSimFaults, ShortBottleneckOutageIsRecoveredByRetransmission)
{
    for (const std::string tcp : {"handshake", "ns3"})
    {
        std::string db = RunWithFaults("fault-short-" + tcp, "--tcp=" + tcp + " --link-down=bottleneck@1.2s+10s");
        ExpectEveryOutcomeRecorded(db);
        EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'unfinished'"), 0) << tcp;
        // Transfers under way when the link failed finished after it came back, by retransmission.
        EXPECT_GT(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'closed' AND "
                            "retransmissions > 0 AND established < 1.2 AND closed > 11.2"),
                  0)
            << tcp;
        EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 40) << tcp;
    }
}

TEST(HandshakeSimFaults, LongBottleneckOutageEndsConnectionsWithTimeouts)
{
    // Down for longer than any retry limit: our TCP gives up (SYN, data and FIN retries, RFC 9293
    // 3.8.3), and the records say timeout, never unfinished.
    std::string db = RunWithFaults("fault-long", "--link-down=bottleneck@1.2s+1000s");
    ExpectEveryOutcomeRecorded(db);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'unfinished'"), 0);
    EXPECT_GT(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'timeout'"), 0);
    // Established ones too: our TCP ends them with a RST when its retries run out, which the wire
    // alone would record as reset; the TCP's own outcome says timeout.
    EXPECT_GT(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'timeout' AND established "
                        "IS NOT NULL"),
              0);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'timeout' AND closed IS NULL"),
              0)
        << "our TCP's own trace gives the time it gave up";
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok' AND first_byte > 1.2"),
              0)
        << "nothing crosses the bottleneck after it failed";
}

TEST(HandshakeSimFaults, AccessLinkOutageAffectsOnlyItsClient)
{
    std::string db = RunWithFaults("fault-access", "--link-down=client:3@0s+1000s");
    ExpectEveryOutcomeRecorded(db);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 38)
        << "all but client 3's two requests";
    EXPECT_EQ(Count(db, "SELECT COUNT(DISTINCT client_address) FROM transactions WHERE outcome != 'ok'"), 1);
}
