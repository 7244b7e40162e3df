// EmulationOptions: handshake-emu's flags parse into validated settings; a bad one is one line that
// names it, the same line the program prints after "handshake-emu: ".
#include "ns3/emulation-options.h"

#include "ns3/rng-seed-manager.h"

#include "program-arguments.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/** Parses a command line given as strings; returns the error text. */
std::string
ParseArgs(EmulationOptions& options, const std::vector<std::string>& args)
{
    ProgramArguments command("handshake-emu", args);
    return options.Parse(command.Argc(), command.Argv());
}

/** The error of parsing \p args with fresh options. */
std::string
ErrorOf(const std::vector<std::string>& args)
{
    EmulationOptions options;
    return ParseArgs(options, args);
}

std::string
Text(Ipv4Address address)
{
    std::ostringstream text;
    text << address;
    return text.str();
}

} // namespace

TEST(EmulationOptions, ModeIsRequired)
{
    EXPECT_EQ(ErrorOf({}), "--mode: '' is not one of linux-client, linux-server");
    EXPECT_EQ(ErrorOf({"--mode=linux"}),
              "--mode: 'linux' is not one of linux-client, linux-server");
}

TEST(EmulationOptions, LinuxClientDefaults)
{
    EmulationOptions options;
    ASSERT_EQ(ParseArgs(options, {"--mode=linux-client"}), "");
    EXPECT_TRUE(options.IsLinuxClient());
    EXPECT_EQ(options.tap, "hs-tap");
    EXPECT_EQ(options.tcp, "handshake");
    EXPECT_TRUE(options.ours);
    EXPECT_DOUBLE_EQ(options.delayMs, 5);
    EXPECT_EQ(options.delayText, "5");
    EXPECT_DOUBLE_EQ(options.loss, 0);
    EXPECT_EQ(options.lossModel, "random");
    EXPECT_EQ(options.bottleneckDelay, MilliSeconds(1));
    EXPECT_EQ(options.clients, 1u);
    EXPECT_EQ(options.requests, 1u);
    EXPECT_EQ(options.size, 1024u);
    EXPECT_FALSE(options.persistent);
    EXPECT_EQ(options.port, 80);
    EXPECT_EQ(options.remotePort, 8080);
    EXPECT_EQ(options.mss, 1460u)
        << "1500 bytes minus 40 of headers: our TCP's data has no options";
    EXPECT_EQ(options.mssText, "1460");
    EXPECT_EQ(options.msl, Seconds(1));
    EXPECT_EQ(options.duration, Seconds(120));
    EXPECT_EQ(options.outDir, "out-emu");
    EXPECT_EQ(options.readyFile, "");
    EXPECT_EQ(options.writeBody, "");
    EXPECT_EQ(Text(options.gateway), "10.200.0.1");
    EXPECT_EQ(options.prefixLength, 24);
    EXPECT_EQ(Text(options.linuxAddress), "10.200.0.2");
}

TEST(EmulationOptions, LinuxServerDefaultsAreOnTheServersSide)
{
    EmulationOptions options;
    ASSERT_EQ(ParseArgs(options, {"--mode=linux-server"}), "");
    EXPECT_FALSE(options.IsLinuxClient());
    EXPECT_EQ(Text(options.gateway), "192.168.200.1");
    EXPECT_EQ(options.prefixLength, 24);
    EXPECT_EQ(Text(options.linuxAddress), "192.168.200.2");
}

TEST(EmulationOptions, StockTcpLeavesRoomForItsTimestamps)
{
    EmulationOptions stock;
    ASSERT_EQ(ParseArgs(stock, {"--mode=linux-server", "--tcp=ns3"}), "");
    EXPECT_FALSE(stock.ours);
    EXPECT_EQ(stock.mss, 1448u);
    EXPECT_EQ(stock.mssText, "1448");

    EmulationOptions given;
    ASSERT_EQ(ParseArgs(given, {"--mode=linux-server", "--tcp=ns3", "--mss=01400"}), "");
    EXPECT_EQ(given.mss, 1400u) << "--mss wins over either TCP's size";
    EXPECT_EQ(given.mssText, "01400") << "as given: the summary prints it";
}

TEST(EmulationOptions, ParsesEveryFlag)
{
    EmulationOptions options;
    ASSERT_EQ(ParseArgs(options,
                        {"--mode=linux-server",
                         "--tap=hs-tap7",
                         "--tcp=ns3",
                         "--delay=12.5",
                         "--loss=0.05",
                         "--loss-model=gilbert-elliott",
                         "--bottleneck-delay=20ms",
                         "--clients=3",
                         "--requests=4",
                         "--size=1048576",
                         "--persistent",
                         "--port=8000",
                         "--remote-port=9090",
                         "--gateway-address=192.168.50.1/26",
                         "--linux-address=192.168.50.9",
                         "--mss=1400",
                         "--msl=2s",
                         "--duration=30s",
                         "--out=/tmp/emu-out",
                         "--ready=/tmp/emu-out/ready"}),
              "");
    EXPECT_EQ(options.mode, "linux-server");
    EXPECT_EQ(options.tap, "hs-tap7");
    EXPECT_EQ(options.tcp, "ns3");
    EXPECT_FALSE(options.ours);
    EXPECT_DOUBLE_EQ(options.delayMs, 12.5);
    EXPECT_EQ(options.delayText, "12.5");
    EXPECT_DOUBLE_EQ(options.loss, 0.05);
    EXPECT_EQ(options.lossText, "0.05");
    EXPECT_EQ(options.lossModel, "gilbert-elliott");
    EXPECT_EQ(options.bottleneckDelay, MilliSeconds(20));
    EXPECT_EQ(options.clients, 3u);
    EXPECT_EQ(options.requests, 4u);
    EXPECT_EQ(options.size, 1048576u);
    EXPECT_TRUE(options.persistent);
    EXPECT_EQ(options.port, 8000);
    EXPECT_EQ(options.remotePort, 9090);
    EXPECT_EQ(Text(options.gateway), "192.168.50.1");
    EXPECT_EQ(options.prefixLength, 26);
    EXPECT_EQ(Text(options.linuxAddress), "192.168.50.9");
    EXPECT_EQ(options.mss, 1400u);
    EXPECT_EQ(options.msl, Seconds(2));
    EXPECT_EQ(options.duration, Seconds(30));
    EXPECT_EQ(options.outDir, "/tmp/emu-out");
    EXPECT_EQ(options.readyFile, "/tmp/emu-out/ready");
}

TEST(EmulationOptions, EachBadValueIsOneLineThatNamesIt)
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--mode=linux-client", "--tcp=reno"}, "--tcp: 'reno' is not one of handshake, ns3"},
        {{"--mode=linux-client", "--clients=0"},
         "--clients: '0' is not a whole number in [1, 1000]"},
        {{"--mode=linux-server", "--clients=1001"},
         "--clients: '1001' is not a whole number in [1, 1000]"},
        {{"--mode=linux-server", "--requests=100001"},
         "--requests: '100001' is not a whole number in [1, 100000]"},
        {{"--mode=linux-server", "--size=4294967297"},
         "--size: '4294967297' is not a whole number in [0, 4294967296]"},
        {{"--mode=linux-server", "--size=-1"},
         "--size: '-1' is not a whole number in [0, 4294967296]"},
        {{"--mode=linux-client", "--port=0"}, "--port: '0' is not a whole number in [1, 65535]"},
        {{"--mode=linux-server", "--remote-port=70000"},
         "--remote-port: '70000' is not a whole number in [1, 65535]"},
        {{"--mode=linux-client", "--mss=87"}, "--mss: '87' is not a whole number in [88, 65495]"},
        {{"--mode=linux-client", "--mss=abc"}, "--mss: 'abc' is not a whole number in [88, 65495]"},
        {{"--mode=linux-client", "--delay=-1"},
         "--delay: '-1' is not a number of ms in [0, 10000]"},
        {{"--mode=linux-client", "--delay=10001"},
         "--delay: '10001' is not a number of ms in [0, 10000]"},
        {{"--mode=linux-client", "--loss=2"}, "--loss: '2' is not a probability in [0, 1]"},
        {{"--mode=linux-client", "--loss=0.5x"}, "--loss: '0.5x' is not a probability in [0, 1]"},
        {{"--mode=linux-client", "--bottleneck-delay=5xs"},
         "--bottleneck-delay: '5xs' is not a time (e.g. 2s, 10ms)"},
        {{"--mode=linux-client", "--msl=abc"}, "--msl: 'abc' is not a time (e.g. 2s, 10ms)"},
        {{"--mode=linux-client", "--duration=x"}, "--duration: 'x' is not a time (e.g. 2s, 10ms)"},
        {{"--mode=linux-client", "--loss-model=bursty"},
         "--loss-model: 'bursty' is not one of random, gilbert-elliott"},
        {{"--mode=linux-client", "--clients=2"},
         "--clients: linux-client mode has one simulated client (the gateway of the Linux one)"},
    };
    for (const auto& [args, error] : cases)
    {
        EXPECT_EQ(ErrorOf(args), error) << args.back();
    }
}

TEST(EmulationOptions, TheTapsSubnetLiesAboveThePlannedLinks)
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--mode=linux-client", "--gateway-address=10.200.0.1"},
         "--gateway-address: '10.200.0.1' is not ADDRESS/LENGTH with LENGTH in [8, 30]"},
        {{"--mode=linux-client", "--gateway-address=10.200.0.1/31"},
         "--gateway-address: '10.200.0.1/31' is not ADDRESS/LENGTH with LENGTH in [8, 30]"},
        {{"--mode=linux-client", "--linux-address=10.201.0.2"},
         "--linux-address: 10.201.0.2 is not another address of 10.200.0.1/24"},
        {{"--mode=linux-client", "--linux-address=10.200.0.1"},
         "--linux-address: 10.200.0.1 is not another address of 10.200.0.1/24"},
        {{"--mode=linux-client", "--gateway-address=10.0.0.1/30", "--linux-address=10.0.0.2"},
         "--gateway-address: 10.0.0.1/30 must be a subnet of 10.0.0.0/8 above the planned links "
         "(10.0.0.0 + 4 addresses)"},
        {{"--mode=linux-server", "--gateway-address=10.200.0.1/24", "--linux-address=10.200.0.2"},
         "--gateway-address: 10.200.0.1/24 must be a subnet of 192.168.0.0/16 above the planned "
         "links (192.168.0.0 + 4 addresses)"},
        {{"--mode=linux-server", "--gateway-address=192.168.200.1/8"},
         "--gateway-address: 192.168.200.1/8 must be a subnet of 192.168.0.0/16 above the planned "
         "links (192.168.0.0 + 4 addresses)"},
    };
    for (const auto& [args, error] : cases)
    {
        EXPECT_EQ(ErrorOf(args), error) << args.back();
    }
    EmulationOptions justAbove;
    EXPECT_EQ(ParseArgs(justAbove,
                        {"--mode=linux-server",
                         "--gateway-address=192.168.0.4/30",
                         "--linux-address=192.168.0.5"}),
              "")
        << "server 0's link is 192.168.0.0/30";
    EXPECT_EQ(justAbove.prefixLength, 30);
}

TEST(EmulationOptions, WriteBodyNeedsNoModeNorAddresses)
{
    EmulationOptions options;
    ASSERT_EQ(ParseArgs(options, {"--write-body=body", "--size=10", "--gateway-address=bad"}), "");
    EXPECT_EQ(options.writeBody, "body");
    EXPECT_EQ(options.size, 10u);
    EXPECT_EQ(options.mode, "");
    // The other flags are still checked.
    EXPECT_EQ(ErrorOf({"--write-body=body", "--tcp=reno"}),
              "--tcp: 'reno' is not one of handshake, ns3");
    EXPECT_EQ(ErrorOf({"--write-body=body", "--size=4294967297"}),
              "--size: '4294967297' is not a whole number in [0, 4294967296]");
    EXPECT_EQ(
        ErrorOf({"--write-body=body", "--mode=linux-client", "--clients=2"}),
        "--clients: linux-client mode has one simulated client (the gateway of the Linux one)");
}

TEST(EmulationOptions, FlagsAreScreenedAsHandshakeSimsAre)
{
    EXPECT_EQ(ErrorOf({"--foo=1"}), "--foo: unknown flag (see --PrintHelp)");
    EXPECT_EQ(ErrorOf({"--mode"}), "--mode: needs a value (--mode=...)");
    EXPECT_EQ(ErrorOf({"--mode=linux-client", "--persistent=maybe"}),
              "--persistent: 'maybe' is not one of true, false, 1, 0");
    EXPECT_EQ(ErrorOf({"--mode=linux client"}), "--mode: 'linux client' contains white space");
    EXPECT_EQ(ErrorOf({"linux-client"}),
              "linux-client: unexpected argument (flags are --name=value)");
    EXPECT_EQ(ErrorOf({"--mode=linux-client", "--RngSeed=0"}),
              "--RngSeed: the seed must be 1 or more");
    EXPECT_EQ(ErrorOf({"--mode=linux-client", "--ns3::TcpSocket::SegmentSize=abc"}),
              "--ns3::TcpSocket::SegmentSize: invalid value 'abc' for ns3::TcpSocket::SegmentSize");
}

TEST(EmulationOptions, Ns3GlobalsPassThrough)
{
    uint32_t run = RngSeedManager::GetRun();
    EmulationOptions options;
    EXPECT_EQ(ParseArgs(options, {"--mode=linux-client", "--RngRun=7"}), "");
    EXPECT_EQ(RngSeedManager::GetRun(), 7u);
    RngSeedManager::SetRun(run);
}
