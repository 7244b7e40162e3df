// SimOptions: handshake-sim's flags parse into validated settings; bad ones name the flag.
#include "ns3/config.h"
#include "ns3/handshake-module.h"
#include "ns3/string.h"

#include "sim-flags.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** Parses a command line given as strings; returns the error text. */
std::string
ParseArgs(SimOptions& options, std::vector<std::string> args)
{
    args.insert(args.begin(), "handshake-sim");
    std::vector<char*> argv;
    for (auto& arg : args)
    {
        argv.push_back(arg.data());
    }
    return options.Parse(static_cast<int>(argv.size()), argv.data());
}

/** A config file \p name holding \p text (clients 12, loss 0.005, topology dumbbell), read before
 *  the command line's --clients=4, which wins. */
void
ExpectCampaignConfig(SimFlags& options, const std::string& name, const std::string& text)
{
    std::string path = testing::TempDir() + name;
    std::ofstream(path) << text;
    EXPECT_EQ(ParseArgs(options, {"--config=" + path, "--clients=4"}), "");
    EXPECT_EQ(options.clients, 4u) << "the command line wins";
    EXPECT_EQ(options.components.topology.shape, "dumbbell");
    EXPECT_DOUBLE_EQ(options.components.topology.lossRate->GetValue(), 0.005);
}

} // namespace

TEST(SimOptions, DefaultsAreValid)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {}), "");
    EXPECT_EQ(options.clients, 50u);
    EXPECT_EQ(options.servers, 2u);
    EXPECT_EQ(options.components.topology.shape, "tree");
    EXPECT_EQ(options.components.capture.policy.kind, CapturePolicy::ALL);
    ASSERT_TRUE(options.components.topology.delayMs);
    ASSERT_TRUE(options.components.topology.lossRate);
}

TEST(SimOptions, ParsesEveryFlag)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options,
                        {"--clients=7",
                         "--servers=2",
                         "--delay=ns3::UniformRandomVariable[Min=5|Max=100]",
                         "--loss=0.02",
                         "--size=1000",
                         "--bottleneck-rate=10Mbps",
                         "--bottleneck-delay=12.5ms",
                         "--start-window=30s",
                         "--teardown-grace=30s",
                         "--server-restart=server:1@5s+10s",
                         "--drain",
                         "--syn-flood=500@1s+2s",
                         "--syn-cookies=off",
                         "--attacker-rate=10Mbps",
                         "--requests=3",
                         "--topology=dumbbell",
                         "--fanout=20",
                         "--loss-model=gilbert-elliott",
                         "--tcp=handshake",
                         "--pcap=sample:2",
                         "--out=/tmp/x"}),
              "");
    EXPECT_EQ(options.clients, 7u);
    EXPECT_EQ(options.servers, 2u);
    EXPECT_EQ(options.components.workload.requests, 3u);
    EXPECT_EQ(options.components.topology.bottleneckRate.GetBitRate(), 10000000u);
    EXPECT_EQ(options.components.topology.bottleneckDelay, MicroSeconds(12500));
    EXPECT_EQ(options.components.workload.startWindow, Seconds(30));
    EXPECT_EQ(options.components.runEnd.teardownGrace, Seconds(30));
    ASSERT_EQ(options.components.serverRestarts.Plan().Restarts().size(), 1u);
    EXPECT_EQ(options.components.serverRestarts.Plan().Restarts()[0].server, 1u);
    EXPECT_TRUE(options.components.runEnd.drain);
    EXPECT_EQ(options.components.capture.policy.kind, CapturePolicy::SAMPLE);
    EXPECT_EQ(options.components.capture.policy.sampleClients, 2u);
    EXPECT_DOUBLE_EQ(options.components.topology.lossRate->GetValue(), 0.02);
    EXPECT_EQ(options.components.outputs.outDir, "/tmp/x");
    EXPECT_EQ(options.components.topology.shape, "dumbbell");
    EXPECT_EQ(options.components.topology.fanout, 20u);
    EXPECT_EQ(options.components.topology.lossModel, "gilbert-elliott");
    EXPECT_DOUBLE_EQ(options.components.synFlood.Plan().rate, 500);
    EXPECT_EQ(options.components.synFlood.Plan().start, Seconds(1));
    EXPECT_EQ(options.components.synFlood.Plan().duration, Seconds(2));
    EXPECT_EQ(options.components.tcpProfile.SynCookies(), "off");
    EXPECT_EQ(options.components.synFlood.AttackerRate().GetBitRate(), 10000000u);
}

TEST(SimOptions, EachBadValueNamesItsFlag)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"--clients=0", "--clients"},
        {"--clients=abc", "--clients"},
        {"--clients=99999999999", "--clients"},
        {"--servers=-1", "--servers"},
        {"--delay=fast", "--delay"},
        {"--loss=1.5", "--loss"},
        {"--size=ns3::Nope", "--size"},
        {"--bottleneck-rate=fast", "--bottleneck-rate"},
        {"--bottleneck-rate=0bps", "--bottleneck-rate"},
        {"--bottleneck-delay=5xs", "--bottleneck-delay"},
        {"--bottleneck-delay=-1ms", "--bottleneck-delay"},
        {"--start-window=soon", "--start-window"},
        {"--start-window=-2s", "--start-window"},
        {"--teardown-grace=-1s", "--teardown-grace"},
        {"--teardown-grace=later", "--teardown-grace"},
        {"--drain=perhaps", "--drain"},
        {"--server-restart=server:2@1s+1s", "--server-restart"},
        {"--server-restart=client:0@1s+1s", "--server-restart"},
        {"--server-restart=server:0@1s", "--server-restart"},
        {"--server-restart=server:0@1s+0s", "--server-restart"},
        {"--syn-flood=fast", "--syn-flood"},
        {"--drop=c2s:sin", "--drop"},
        {"--drop=client:50/c2s:syn", "--drop"},
        {"--drop=", "--drop"},
        {"--syn-flood=-1", "--syn-flood"},
        {"--syn-flood=100@2s", "--syn-flood"},
        {"--syn-cookies=on", "--syn-cookies"},
        {"--attacker-rate=0bps", "--attacker-rate"},
        {"--attacker-rate=quick", "--attacker-rate"},
        {"--requests=0", "--requests"},
        {"--topology=ring", "--topology"},
        {"--fanout=0", "--fanout"},
        {"--loss-model=bursty", "--loss-model"},
        {"--tcp=reno", "--tcp"},
        {"--ranks=0", "--ranks"},
        {"--ranks=two", "--ranks"},
        {"--ranks=-2", "--ranks"},
        {"--ranks=99999", "--ranks"},
        {"--mpi-sync=optimistic", "--mpi-sync"},
        {"--pcap=some", "--pcap"},
        {"--pcap=sample:0", "--pcap"},
        {"--out=", "--out"},
        {"--no-such-flag=1", "--no-such-flag"},
        {"--persistent=maybe", "--persistent"},
        {"--RngRun=abc", "--RngRun"},
        {"--ns3::TcpSocket::SegmentSize=abc", "--ns3::TcpSocket::SegmentSize"},
        {"--ns3::TcpSocket::NoSuchAttribute=1", "--ns3::TcpSocket::NoSuchAttribute"},
    };
    for (const auto& [arg, flag] : cases)
    {
        SimFlags options;
        std::string error = ParseArgs(options, {arg});
        EXPECT_EQ(error.rfind(flag + ":", 0), 0u) << arg << " gave: " << error;
        EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
    }
}

// --ranks above 1 needs ns-3's mpi module: without it (Debian's ns-3) one line says how to get it.
TEST(SimOptions, RanksNeedAnMpiBuild)
{
    SimFlags options;
    std::string error = ParseArgs(options, {"--ranks=2", "--mpi-sync=null"});
    if (MpiRanks::Available())
    {
        EXPECT_EQ(error, "");
        EXPECT_EQ(options.components.distributed.ranks, 2u);
        EXPECT_EQ(options.components.distributed.sync, MpiRanks::NULL_MESSAGE);
        return;
    }
    EXPECT_EQ(error,
              "--ranks: this handshake-sim was built against an ns-3 without its mpi module (build one "
              "with scripts/setup-ns3 --mpi DIR, then HANDSHAKE_NS3=DIR scripts/demo)");
    SimFlags one;
    EXPECT_EQ(ParseArgs(one, {"--ranks=1"}), ""); // one process needs no MPI
}

TEST(SimOptions, AcceptsNs3GlobalsAndAttributes)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {"--RngRun=5", "--ns3::TcpSocket::SegmentSize=1400"}), "");
}

TEST(SimOptions, ConfigFileGivesDefaultsThatFlagsOverride)
{
    SimFlags options;
    ExpectCampaignConfig(options, "handshake-sim.conf",
                         "# a campaign's fixed settings\n"
                         "clients = 12\n"
                         "loss = 0.005   # per access link\n"
                         "\n"
                         "topology=dumbbell\n");
}

TEST(SimOptions, ConfigFileErrorsNameFileAndLine)
{
    std::string path = testing::TempDir() + "bad-handshake-sim.conf";
    std::ofstream(path) << "clients = 3\nspeed = 11\n";
    SimFlags options;
    std::string error = ParseArgs(options, {"--config=" + path});
    EXPECT_EQ(error.rfind("--config: " + path + ":2: --speed", 0), 0u) << error;

    SimFlags missing;
    EXPECT_EQ(ParseArgs(missing, {"--config=/nonexistent.conf"}).rfind("--config:", 0), 0u);
}

TEST(SimOptions, TomlConfigFileGivesDefaultsThatFlagsOverride)
{
    SimFlags options;
    ExpectCampaignConfig(options, "handshake-sim.toml",
                         "# a campaign's fixed settings\n"
                         "clients = 12\n"
                         "loss = 0.005   # per access link\n"
                         "topology = \"dumbbell\"\n"
                         "persistent = true\n"
                         "delay = \"ns3::ConstantRandomVariable[Constant=7]\"\n"
                         "\"ns3::TcpSocket::SegmentSize\" = 1400\n");
    EXPECT_TRUE(options.components.workload.persistent);
    EXPECT_EQ(options.components.topology.lossText, "0.005") << "a float's shortest text";
    EXPECT_DOUBLE_EQ(options.components.topology.delayMs->GetValue(), 7);

    std::vector<std::string> flags;
    EXPECT_EQ(options.ParseTomlConfigText("servers = 3\nclients = 2\n", "x.toml", flags), "");
    EXPECT_EQ(flags, (std::vector<std::string>{"--servers=3", "--clients=2"})) << "the file's order";
}

TEST(SimOptions, TomlConfigOfASweepSpecIsItsFixedFlags)
{
    SimFlags options;
    std::ifstream in(std::string(HANDSHAKE_SOURCE_DIR) + "/examples/sweep-rtt-loss.toml");
    std::string spec((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(spec.empty());
    std::vector<std::string> flags;
    EXPECT_EQ(options.ParseTomlConfigText(spec, "sweep-rtt-loss.toml", flags), "");
    EXPECT_EQ(flags, (std::vector<std::string>{"--clients=10", "--servers=1", "--requests=3",
                                               "--size=20000", "--pcap=none"}));
}

TEST(SimOptions, TomlConfigErrorsNameFileAndLine)
{
    SimFlags options;
    std::vector<std::string> flags;
    std::string error = options.ParseTomlConfigText("clients = 3\nspeed = 11\n", "x.toml", flags);
    EXPECT_EQ(error.rfind("x.toml:2: --speed", 0), 0u) << error;
    error = options.ParseTomlConfigText("clients = 3\n\ndelay = [5, 10]\n", "x.toml", flags);
    EXPECT_EQ(error, "x.toml:3: delay: a flag takes a string, number or boolean, not a list (flags "
                     "are top-level keys, or a sweep spec's [flags])");
    error = options.ParseTomlConfigText("clients = \n", "x.toml", flags);
    EXPECT_EQ(error.rfind("x.toml:1: ", 0), 0u) << "a TOML syntax error: " << error;
    error = options.ParseTomlConfigText("PrintHelp = true\n", "x.toml", flags);
    EXPECT_EQ(error.rfind("x.toml:1: --PrintHelp=true: prints and exits", 0), 0u) << error;
    error = options.ParseTomlConfigText("config = \"other.toml\"\n", "x.toml", flags);
    EXPECT_EQ(error.rfind("x.toml:1: --config", 0), 0u) << "config files do not nest: " << error;
}

TEST(SimOptions, ConfigFilesRefuseNs3PrintCommands)
{
    // Found by fuzz/ (sim-config target): --PrintHelp from a config file printed the help and
    // exited from inside the parse.
    SimFlags options;
    std::vector<std::string> flags;
    std::string error = options.ParseConfigText("clients = 2\nPrintHelp\n", "x.conf", flags);
    EXPECT_EQ(error.rfind("x.conf:2: --PrintHelp: ", 0), 0u) << error;
    EXPECT_NE(options.ParseConfigText("PrintAttributes = ns3::TcpSocket\n", "x.conf", flags), "");
}

TEST(SimOptions, WhiteSpaceInsideAValueIsAnError)
{
    // Found by fuzz/ (sim-config target): ns-3's CommandLine kept "dumbbell" of "dumbbell x" and
    // exited on a value of white space only.
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {"--topology=dumbbell x"}),
              "--topology: 'dumbbell x' contains white space");
    std::vector<std::string> flags;
    EXPECT_EQ(options.ParseConfigText("servers = \v\n", "x.conf", flags),
              "x.conf:1: --servers: '\v' contains white space");
}

TEST(SimOptions, GlobalValuesNs3FailsOnLaterAreFlagErrors)
{
    // RngSeed=0 found by fuzz/ (sim-config target: "invalid Seed 0" abort); the types by reading:
    // handshake-sim crashed on them once the simulation started.
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {"--RngSeed=00"}), "--RngSeed: the seed must be 1 or more");
    EXPECT_EQ(ParseArgs(options, {"--SimulatorImplementationType=bogus"}),
              "--SimulatorImplementationType: 'bogus' is not a TypeId derived from "
              "ns3::SimulatorImpl");
    EXPECT_EQ(ParseArgs(options, {"--SchedulerType=ns3::UniformRandomVariable"}),
              "--SchedulerType: 'ns3::UniformRandomVariable' is not a TypeId derived from "
              "ns3::Scheduler");
    EXPECT_EQ(ParseArgs(options, {"--RngSeed=3", "--SchedulerType=ns3::HeapScheduler"}), "");
    EXPECT_EQ(ParseArgs(options, {"--RngSeed=1", "--SchedulerType=ns3::MapScheduler"}), "");
}

TEST(SimOptions, PrintAttributesOfAnUnknownTypeIsAFlagError)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {"--PrintAttributes=bogus"}),
              "--PrintAttributes: 'bogus' is not a TypeId"); // ns-3 itself aborts on it
}

TEST(SimOptions, TcpIsOursByDefaultAndStockOnRequest)
{
    SimFlags defaults;
    EXPECT_EQ(ParseArgs(defaults, {}), "");
    EXPECT_EQ(defaults.tcp, "handshake");
    SimFlags stock;
    EXPECT_EQ(ParseArgs(stock, {"--tcp=ns3"}), "");
    EXPECT_EQ(stock.tcp, "ns3");
}

TEST(SimOptions, PersistentIsASwitch)
{
    SimFlags defaults;
    EXPECT_EQ(ParseArgs(defaults, {}), "");
    EXPECT_FALSE(defaults.components.workload.persistent);
    SimFlags on;
    EXPECT_EQ(ParseArgs(on, {"--persistent"}), "");
    EXPECT_TRUE(on.components.workload.persistent);
    SimFlags off;
    EXPECT_EQ(ParseArgs(off, {"--persistent=false"}), "");
    EXPECT_FALSE(off.components.workload.persistent);
}

TEST(SimOptions, ServerRestartNeedsOurTcp)
{
    SimFlags ours;
    EXPECT_EQ(ParseArgs(ours, {"--servers=3", "--server-restart=server:2@5s+1s,server:2@7s+1s"}),
              "");
    EXPECT_EQ(ours.components.serverRestarts.Plan().Restarts().size(), 2u);
    SimFlags stock;
    EXPECT_EQ(ParseArgs(stock, {"--tcp=ns3", "--server-restart=server:0@5s+1s"}),
              "--server-restart: needs --tcp=handshake (stock ns-3 TCP cannot forget its "
              "connections without sending FINs)");
    SimFlags none;
    EXPECT_EQ(ParseArgs(none, {"--tcp=ns3", "--server-restart="}).rfind("--server-restart:", 0), 0u)
        << "an empty value is a missing value";
}

TEST(SimOptions, NoSynFloodByDefault)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {}), "");
    EXPECT_FALSE(options.components.synFlood.Plan().Enabled());
    EXPECT_EQ(options.components.tcpProfile.SynCookies(), "") << "the TCP's own default";
    EXPECT_EQ(options.components.synFlood.AttackerRate().GetBitRate(), 1000000000u);
}

TEST(SimOptions, SynCookiesAreOursOnly)
{
    SimFlags stock;
    EXPECT_EQ(ParseArgs(stock, {"--tcp=ns3", "--syn-cookies=off"}),
              "--syn-cookies: needs --tcp=handshake (stock ns-3 TCP has no SYN cookies)");
    SimFlags stockFlood;
    EXPECT_EQ(ParseArgs(stockFlood, {"--tcp=ns3", "--syn-flood=100"}), "") << "a flood hits either TCP";
}

TEST(SimOptions, SynCookiesSetOurTcpsAttribute)
{
    TypeId::AttributeInformation info;
    bool hasCookies =
        HandshakeTcpSocket::GetTypeId().LookupAttributeByName("SynCookies", &info);
    for (const auto& [flag, value] : {std::pair{"always", "Always"},
                                      std::pair{"overflow", "OnOverflow"},
                                      std::pair{"off", "Off"}})
    {
        SimFlags options;
        std::string error = ParseArgs(options, {std::string("--syn-cookies=") + flag});
        if (!hasCookies)
        {
            // A TCP without SYN cookies: off is what it does, the others cannot be had.
            EXPECT_EQ(error == "", std::string(flag) == "off") << flag << ": " << error;
            continue;
        }
        ASSERT_EQ(error, "") << flag;
        Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
        StringValue set;
        socket->GetAttribute("SynCookies", set);
        EXPECT_EQ(set.Get(), value) << flag;
    }
    Config::Reset();
}

TEST(SimOptions, DropRulesParseAndMalformedOnesNameTheRule)
{
    SimFlags options;
    EXPECT_EQ(ParseArgs(options, {"--clients=4", "--drop=c2s:syn,client:3/s2c:data=1#2"}), "");
    ASSERT_EQ(options.components.drops.Plan().Rules().size(), 2u);
    EXPECT_EQ(options.components.drops.Plan().Rules()[1].GetText(), "client:3/s2c:data=1#2");
    auto parameters = options.ReportParameters();
    EXPECT_NE(std::find(parameters.begin(), parameters.end(),
                        std::make_pair(std::string("drop"), std::string("c2s:syn,client:3/s2c:data=1#2"))),
              parameters.end())
        << "report.html lists the rules";

    SimFlags none;
    EXPECT_EQ(ParseArgs(none, {}), "");
    EXPECT_FALSE(none.components.drops.Plan().Enabled()) << "no rule by default";

    SimFlags bad;
    EXPECT_EQ(ParseArgs(bad, {"--drop=c2s:syn,s2c:ack=0"}),
              "--drop: 's2c:ack=0': ack=A needs a relative number from 1 to 4294967295");
    SimFlags outOfRange;
    EXPECT_EQ(ParseArgs(outOfRange, {"--clients=4", "--drop=client:4/c2s:fin"}),
              "--drop: 'client:4/c2s:fin': there are clients 0..3");
}

TEST(SimOptions, DropRulesFromATomlConfig)
{
    SimFlags options;
    std::vector<std::string> flags;
    EXPECT_EQ(options.ParseTomlConfigText("drop = \"c2s:syn,s2c:synack#2\"\n", "x.toml", flags), "");
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0], "--drop=c2s:syn,s2c:synack#2");
    EXPECT_EQ(options.ParseTomlConfigText("drop = \"c2s:sin\"\n", "x.toml", flags), "")
        << "a config entry is checked by name; its value as the flag is, when the flags are parsed";
    std::string path = testing::TempDir() + "drop.toml";
    std::ofstream(path) << "clients = 2\ndrop = \"c2s:bad\"\n";
    SimFlags fromFile;
    EXPECT_EQ(ParseArgs(fromFile, {"--config=" + path}),
              path + ":2: --drop: 'c2s:bad': WHAT must be one of syn, synack, fin, rst, data=X, ack=A")
        << "a bad value from a config file names the file and line";
}
