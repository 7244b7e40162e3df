// Issue 23 [robustness], the cases a hostile trial found, each reproduced by running handshake-sim
// as a user would.
#include "sim-program.h"

#include "ns3/output-folder-lock.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <string>

using ::handshake::test::SimProgram;

namespace
{

/** Runs handshake-sim with \p flags; expects exit 2, one line on stderr holding \p expected, and no --out. */
void
ExpectRejected(const std::string& name, const std::string& flags, const std::string& expected)
{
    std::string out = SimProgram::FreshDir("rejected-" + name);
    std::string log = out + ".log";
    int status = SimProgram::Run(HANDSHAKE_SIM_BINARY, flags + " --clients=2 --out=" + out, log);
    std::string text = SimProgram::ReadFile(log);
    EXPECT_EQ(status, 2) << flags << "\n" << text;
    EXPECT_NE(text.find(expected), std::string::npos) << flags << "\n" << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << flags << "\n" << text;
    EXPECT_FALSE(std::filesystem::exists(out)) << flags << ": nothing is written";
}

TEST(HandshakeSimRobustness, AttributesThatCannotWorkAreRejectedBeforeTheRun)
{
    // Each of these crashed the run or ran to its limit with exit 0 (issue 23): stock TCP died of
    // SIGFPE (SegmentSize=0), SIGSEGV (RcvBufSize=0, MaxWindowSize=0, RcvBufSize=100000 once the
    // window limits) or an uncaught exception (ConnCount=0); ours reset every request
    // (SegmentSize=0) or threw (EphemeralPortMax below EphemeralPortMin).
    for (std::string tcp : {"handshake", "ns3"})
    {
        std::string t = " --tcp=" + tcp;
        ExpectRejected("segsize-" + tcp, "--ns3::TcpSocket::SegmentSize=0" + t, "accepted 88 to 65495");
        ExpectRejected("rcvbuf-" + tcp, "--ns3::TcpSocket::RcvBufSize=0" + t, "accepted 2304");
        ExpectRejected("sndbuf-" + tcp, "--ns3::TcpSocket::SndBufSize=100" + t, "accepted 4608");
        ExpectRejected("conncount-" + tcp, "--ns3::TcpSocket::ConnCount=0" + t, "accepted 1 to 1000");
        ExpectRejected("window-" + tcp, "--ns3::TcpSocketBase::MaxWindowSize=0" + t, "accepted 2304");
        ExpectRejected("conntimeout-" + tcp, "--ns3::TcpSocket::ConnTimeout=1ns" + t, "accepted 1ms");
    }
    ExpectRejected("child-path", "--ns3::HandshakeTcpSocket::SegmentSize=87", "accepted 88");
    ExpectRejected("stock-rcvbuf", "--tcp=ns3 --ns3::TcpSocket::RcvBufSize=100000", "below 131072");
    ExpectRejected("ports",
                   "--ns3::HandshakeTcpL4Protocol::EphemeralPortMax=1",
                   "EphemeralPortMin=49152 is above EphemeralPortMax=1");
    ExpectRejected("min-rto", "--ns3::HandshakeTcpSocket::MinRto=1us", "invalid value '1us'");
    ExpectRejected("loss-draws", "'--loss=ns3::UniformRandomVariable[Min=0|Max=5]'",
                   "--loss: 'ns3::UniformRandomVariable[Min=0|Max=5]' draws values in [0, 5], outside [0, 1]");
    ExpectRejected("delay-draws", "'--delay=ns3::ConstantRandomVariable[Constant=-50]'",
                   "draws values in [-50, -50], outside [0, 1e+06]");
    ExpectRejected("start-window", "--start-window=1e30s", "is not a non-negative time");
    ExpectRejected("late-start", "--start-window=600s", "starts clients after the run's 600 s limit");
}

TEST(HandshakeSimRobustness, BoundaryValuesOfTheCheckedAttributesRun)
{
    // The bounds are no stricter than they need be: the smallest accepted values run to the end.
    for (std::string tcp : {"handshake", "ns3"})
    {
        std::string db = SimProgram::RunForResults(
            HANDSHAKE_SIM_BINARY,
            "boundary-" + tcp,
            "--clients=3 --requests=2 --size=30000 --pcap=none --loss=0.02 --tcp=" + tcp +
                " --ns3::TcpSocket::SegmentSize=88 --ns3::TcpSocket::SndBufSize=4608" +
                " --ns3::TcpSocketBase::MaxWindowSize=2304 --ns3::TcpSocket::ConnCount=1" +
                (tcp == "ns3" ? " --ns3::TcpSocket::RcvBufSize=131072" : " --ns3::TcpSocket::RcvBufSize=2304"));
        EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 6)
            << tcp;
    }
}

TEST(HandshakeSimRobustness, ConfigFilesAreBoundedAndMustBeText)
{
    // --config=/dev/zero grew to 24 GB, a directory ran with the defaults, a binary file was echoed
    // raw to the terminal (issue 23).
    std::string dir = SimProgram::FreshDir("config-files");
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/binary.conf") << "clients = 3\nloss = 0\x1b[31m\x01\x7f\n";
    {
        std::ofstream big(dir + "/big.conf");
        std::string line(99, '#');
        for (int i = 0; i < 11000; ++i)
        {
            big << line << "\n";
        }
    }
    std::ofstream(dir + "/values.conf") << "# a campaign\nclients = 3\n\ndelay = -5\n";
    std::ofstream(dir + "/values.toml") << "clients = 3\nsize = \"abc\"\n";
    ExpectRejected("dev-zero", "--config=/dev/zero", "'/dev/zero' is not a regular file");
    ExpectRejected("directory", "--config=" + dir, "is not a regular file (a directory)");
    ExpectRejected("big", "--config=" + dir + "/big.conf", "is larger than 1 MiB");
    ExpectRejected("binary", "--config=" + dir + "/binary.conf",
                   "binary.conf:2: not text (binary or control characters): loss = 0\\x1B[31m\\x01\\x7F");
    ExpectRejected("value-line", "--config=" + dir + "/values.conf", "values.conf:4: --delay: '-5'");
    ExpectRejected("toml-value-line", "--config=" + dir + "/values.toml", "values.toml:2: --size: 'abc'");
    // The command line wins over the file, and then its own value is the one named.
    ExpectRejected("command-line-wins", "--config=" + dir + "/values.conf --delay=-7", "handshake-sim: --delay: '-7'");
}

TEST(HandshakeSimRobustness, ErrorLinesEscapeAndShortenWhatTheyQuote)
{
    std::string longValue(5000, 'x');
    ExpectRejected("escape", "--tcp=\"$(printf 'a\\033[2Jb')\"", "--tcp: 'a\\x1B[2Jb'");
    ExpectRejected("shorten", "--tcp=" + longValue, "...");
    std::string log = SimProgram::FreshDir("shorten-log") + ".log";
    SimProgram::Run(HANDSHAKE_SIM_BINARY, "--tcp=" + longValue, log);
    EXPECT_LT(SimProgram::ReadFile(log).size(), 500u);
}

TEST(HandshakeSimRobustness, ASecondRunIntoABusyFolderIsRefusedAndTouchesNothing)
{
    // Issue 23: run A exited 0 while results.sqlite held run B's data. Here "run A" is this test
    // holding the folder's lock; handshake-sim must refuse, name the holder and write nothing.
    std::string out = SimProgram::FreshDir("busy-out");
    std::filesystem::create_directories(out);
    ns3::OutputFolderLock held;
    ASSERT_EQ(held.Acquire(out, "run-a"), "");
    std::string log = out + ".log";
    int status = SimProgram::Run(HANDSHAKE_SIM_BINARY, "--clients=2 --pcap=none --out=" + out, log);
    std::string text = SimProgram::ReadFile(log);
    EXPECT_EQ(status, 2) << text;
    EXPECT_NE(text.find("--out: " + out + " is in use by another run (run-a, pid "), std::string::npos)
        << text;
    EXPECT_FALSE(std::filesystem::exists(out + "/results.sqlite"));
    EXPECT_FALSE(std::filesystem::exists(out + "/results.sqlite.partial"));
    EXPECT_FALSE(std::filesystem::exists(out + "/summary.txt"));
}

} // namespace
