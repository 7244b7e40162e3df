// handshake-sim --syn-flood: an attacker host sends spoofed SYNs to server 0 while the clients
// fetch pages (issue [hardening]). Every connection and request ends with exactly one recorded
// outcome and the counts add up; our TCP keeps at most SynQueueLimit connections in SYN_RCVD
// whatever the rate, and legitimate clients suffer when the queue is full and SYN cookies are off;
// stock ns-3 TCP keeps a connection per SYN and still completes the run.
#include "sim-program.h"

#include <gtest/gtest.h>
#include <string>

using ::handshake::test::SimProgram;

namespace
{

const int64_t CLIENTS = 10;
const int64_t REQUESTS = 2;
const int64_t SYN_QUEUE_LIMIT = 8;

/** 10 clients x 2 fetches of one server, no loss; extra \p flags; returns the results database. */
std::string
RunFlood(const std::string& name, const std::string& flags)
{
    return SimProgram::RunForResults(HANDSHAKE_SIM_BINARY,
                                     name,
                                     "--clients=10 --servers=1 --requests=2 --loss=0 --pcap=none "
                                     "--RngRun=7 --ns3::HandshakeTcpSocket::SynQueueLimit=8 " +
                                         flags);
}

int64_t
Count(const std::string& db, const std::string& sql)
{
    return SimProgram::QueryInt(db, sql);
}

/** Every request and connection has one outcome, one connection per request, none unfinished. */
void
ExpectEveryOutcomeRecorded(const std::string& db)
{
    SimProgram::ExpectEveryOutcomeRecorded(db, CLIENTS * REQUESTS);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections"), CLIENTS * REQUESTS);
    EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM connections WHERE outcome = 'unfinished'"), 0);
}

int64_t
Ok(const std::string& db)
{
    return Count(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'");
}

/** The attack as recorded: SYNs sent, all received, and replies that died at the attacker. */
void
ExpectFloodRecorded(const std::string& db)
{
    int64_t sent = Count(db, "SELECT syns_sent FROM syn_flood");
    EXPECT_GT(sent, 0);
    EXPECT_GT(Count(db, "SELECT replies_dropped FROM syn_flood"), 0)
        << "SYN-ACKs went to the attacker";
    EXPECT_GE(Count(db, "SELECT syns_received FROM servers WHERE id = 0"), sent)
        << "every spoofed SYN reached the server";
    EXPECT_GT(Count(db, "SELECT COUNT(*) FROM server_load WHERE server_id = 0"), 0);
}

/** SYNs the attacker sent (for a flood that ended before the run). */
int64_t
SynsSent(const std::string& db)
{
    return Count(db, "SELECT syns_sent FROM syn_flood");
}

} // namespace

TEST(HandshakeSimSynFlood, OurSynQueueStaysWithinItsLimitAndLegitimateClientsSuffer)
{
    std::string calm = RunFlood("flood-none", "");
    ExpectEveryOutcomeRecorded(calm);
    EXPECT_EQ(Ok(calm), CLIENTS * REQUESTS);
    EXPECT_EQ(Count(calm, "SELECT COUNT(*) FROM syn_flood"), 0);

    // 200 SYN/s for 20 s: the 8 places of the SYN queue are taken within 40 ms and, since nobody
    // answers the SYN-ACKs, stay taken for the whole SYN-ACK back-off (about two minutes).
    std::string flood = RunFlood("flood-off", "--syn-flood=200@0s+20s --syn-cookies=off");
    ExpectEveryOutcomeRecorded(flood);
    ExpectFloodRecorded(flood);
    EXPECT_EQ(SynsSent(flood), 4000) << "the clients' retries outlast the flood";
    EXPECT_EQ(Count(flood, "SELECT peak_half_open FROM servers WHERE id = 0"), SYN_QUEUE_LIMIT);
    EXPECT_LE(Count(flood, "SELECT MAX(half_open) FROM server_load"), SYN_QUEUE_LIMIT);
    EXPECT_GT(Count(flood, "SELECT syn_queue_drops FROM servers WHERE id = 0"), 0);
    EXPECT_LE(Count(flood, "SELECT peak_connections FROM servers WHERE id = 0"),
              SYN_QUEUE_LIMIT + CLIENTS)
        << "bounded whatever the rate";
    // Legitimate clients lose their SYNs to the full queue: fewer fetches succeed, or later.
    EXPECT_LT(Ok(flood), Ok(calm));
    EXPECT_GT(Count(flood, "SELECT COUNT(*) FROM transactions WHERE outcome = 'connect-failed'"),
              0);
}

TEST(HandshakeSimSynFlood, SynCookiesLetLegitimateClientsThrough)
{
    std::string calm = RunFlood("cookies-none", "");
    // The same flood as above, cookies when the queue is full (Linux's default).
    std::string flood =
        RunFlood("cookies-overflow", "--syn-flood=200@0s+20s --syn-cookies=overflow");
    ExpectEveryOutcomeRecorded(flood);
    ExpectFloodRecorded(flood); // the run ends with the fetches, before the flood does
    EXPECT_GE(Ok(flood), Ok(calm) * 95 / 100) << "(near) every fetch succeeds again";
    EXPECT_EQ(Count(flood, "SELECT peak_half_open FROM servers WHERE id = 0"), SYN_QUEUE_LIMIT);
    EXPECT_EQ(Count(flood, "SELECT syn_queue_drops FROM servers WHERE id = 0"), 0)
        << "a SYN the full queue cannot take is answered with a cookie instead";
    EXPECT_GE(Count(flood, "SELECT cookies_sent FROM servers WHERE id = 0"),
              SynsSent(flood) - SYN_QUEUE_LIMIT);
    EXPECT_GT(Count(flood, "SELECT cookies_validated FROM servers WHERE id = 0"), 0)
        << "legitimate clients came in through cookies";
    EXPECT_LE(Count(flood, "SELECT cookies_validated FROM servers WHERE id = 0"),
              CLIENTS * REQUESTS)
        << "no spoofed source ever returns a cookie";

    // Every SYN answered with a cookie: a cookie's connection passes through SYN_RCVD within one
    // event and holds no place in the queue.
    std::string always = RunFlood("cookies-always", "--syn-flood=200@0s+20s --syn-cookies=always");
    ExpectEveryOutcomeRecorded(always);
    EXPECT_GE(Ok(always), Ok(calm) * 95 / 100);
    EXPECT_EQ(Count(always, "SELECT peak_half_open FROM servers WHERE id = 0"), 0);
    EXPECT_EQ(Count(always, "SELECT cookies_validated FROM servers WHERE id = 0"), Ok(always));
}

TEST(HandshakeSimSynFlood, HalfOpenCountIsBoundedWhateverTheRate)
{
    // Fifty times the rate: same bound, the excess is dropped, nothing more is kept.
    std::string flood = RunFlood("flood-10k", "--syn-flood=10000@0s+2s --syn-cookies=off");
    ExpectEveryOutcomeRecorded(flood);
    ExpectFloodRecorded(flood);
    EXPECT_EQ(SynsSent(flood), 20000);
    EXPECT_EQ(Count(flood, "SELECT peak_half_open FROM servers WHERE id = 0"), SYN_QUEUE_LIMIT);
    EXPECT_GE(Count(flood, "SELECT syn_queue_drops FROM servers WHERE id = 0"),
              20000 - SYN_QUEUE_LIMIT);
}

TEST(HandshakeSimSynFlood, StockTcpKeepsAConnectionPerSynAndStillCompletes)
{
    std::string flood = RunFlood("flood-stock", "--tcp=ns3 --syn-flood=200@0s+5s");
    ExpectEveryOutcomeRecorded(flood);
    ExpectFloodRecorded(flood);
    EXPECT_EQ(SynsSent(flood), 1000);
    // No SYN queue bound: every spoofed SYN forks a socket that waits out its SYN-ACK retries.
    EXPECT_GE(Count(flood, "SELECT peak_half_open FROM servers WHERE id = 0"), 1000);
    EXPECT_GT(Count(flood, "SELECT MAX(half_open) FROM server_load"), 10 * SYN_QUEUE_LIMIT);
    EXPECT_EQ(Count(flood, "SELECT COUNT(*) FROM servers WHERE syn_queue_drops IS NULL"), 1)
        << "stock TCP has no such counter";
    // Growing while the flood lasts, one step per sample.
    EXPECT_LT(
        Count(flood, "SELECT half_open FROM server_load WHERE time >= 1 ORDER BY time LIMIT 1"),
        Count(flood, "SELECT half_open FROM server_load WHERE time >= 4 ORDER BY time LIMIT 1"));
}
