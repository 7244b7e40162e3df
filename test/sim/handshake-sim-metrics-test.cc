// Issue 20, "each metric means one thing in every mode": the teardown is the close exchange, from
// the first FIN of either side until both sides are in TIME_WAIT or CLOSED, by default, with
// --persistent and with --drain, with either TCP; TIME_WAIT is a metric of its own, present where
// the run lasts long enough to see it end (--drain). Definitions: doc/metrics.rst.
#include "sim-program.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

using handshake::test::SimProgram;

namespace
{

std::optional<double>
Metric(const std::string& db, const std::string& name)
{
    std::string value = SimProgram::QueryRows(db, "SELECT value FROM metrics WHERE name = '" + name + "'");
    if (value.empty() || value == "NULL\n")
    {
        return std::nullopt;
    }
    return std::stod(value);
}

} // namespace

TEST(HandshakeSimMetrics, TeardownIsTheCloseExchangeInEveryModeAndTimeWaitIsItsOwn)
{
    struct Mode
    {
        std::string flags;
        bool timeWaitEnds; //!< the run lasts until the clients' TIME_WAIT ended
    };
    for (const std::string tcp : {"handshake", "ns3"})
    {
        for (const Mode& mode : {Mode{"", false}, Mode{"--persistent", false}, Mode{"--drain", false},
                                 Mode{"--persistent --drain", true}})
        {
            if (tcp == "ns3" && mode.flags.find("--drain") != std::string::npos)
            {
                continue; // --drain is for our TCP
            }
            std::string name = tcp + " " + mode.flags;
            std::string db = SimProgram::RunForResults(
                HANDSHAKE_SIM_BINARY, "metrics-modes",
                "--clients=4 --servers=1 --requests=2 --loss=0 --pcap=none --RngRun=1 --tcp=" +
                    tcp + " " + mode.flags);
            auto handshake = Metric(db, "handshake_p50"); // one round trip
            auto teardown = Metric(db, "teardown_p50");
            ASSERT_TRUE(handshake && teardown) << name;
            // One side's FIN, the other's FIN and the last ACK: about 1.5 round trips, never 2 MSL.
            EXPECT_GT(*teardown, 1.2 * *handshake) << name;
            EXPECT_LT(*teardown, 2.0 * *handshake) << name;
            EXPECT_EQ(Metric(db, "fin_first_client").value_or(-1) + Metric(db, "fin_first_server").value_or(-1),
                      Metric(db, "conn_closed").value_or(-2))
                << name << ": every closed connection had one side close first";
            auto timeWait = Metric(db, "time_wait_mean");
            EXPECT_EQ(timeWait.has_value(), mode.timeWaitEnds) << name;
            if (mode.timeWaitEnds)
            {
                EXPECT_NEAR(*timeWait, 60000, 1) << name << ": the Linux profile's TIME_WAIT, 60 s";
                EXPECT_EQ(Metric(db, "time_wait_client"), Metric(db, "connections")) << name;
            }
        }
    }
}
