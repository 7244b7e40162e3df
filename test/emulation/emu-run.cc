#include "emu-run.h"

#include "sim-program.h"

#include <cstdio>
#include <sstream>

namespace handshake::test
{

std::string
EmuCell::Name() const
{
    std::ostringstream name;
    name << mode << "_" << (mode == "linux-client" ? client : "python") << "_" << size << "B_x"
         << requests << "_loss" << loss << "_" << tcp << "_close-" << close << "_run" << rngRun;
    return name.str();
}

EmuRun
EmuRun::Execute(const EmuCell& cell)
{
    EmuRun run;
    run.dir = SimProgram::FreshDir("emu-" + cell.Name());
    std::ostringstream flags;
    flags << "--binary=" << HANDSHAKE_EMU_BINARY << " --mode=" << cell.mode
          << " --client=" << cell.client << " --close=" << cell.close << " --tcp=" << cell.tcp
          << " --size=" << cell.size << " --requests=" << cell.requests << " --loss=" << cell.loss
          << " --RngRun=" << cell.rngRun << " --out=" << run.dir;
    std::string logPath = run.dir + ".log";
    run.exitCode =
        SimProgram::Run(std::string(HANDSHAKE_SOURCE_DIR) + "/scripts/emu", flags.str(), logPath);
    run.log = SimProgram::ReadFile(logPath);
    return run;
}

std::string
EmuRun::File(const std::string& name) const
{
    return SimProgram::ReadFile(dir + "/" + name);
}

std::vector<std::string>
EmuRun::Values(const std::string& key) const
{
    std::vector<std::string> values;
    std::istringstream lines(File("emu.txt"));
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.rfind(key + "=", 0) == 0)
        {
            values.push_back(line.substr(key.size() + 1));
        }
    }
    return values;
}

std::string
EmuRun::Value(const std::string& key) const
{
    auto values = Values(key);
    return values.empty() ? "" : values.front();
}

namespace
{

/** The value of "name=value" among the space-separated \p words. */
std::string
Field(const std::vector<std::string>& words, const std::string& name)
{
    for (const auto& w : words)
    {
        if (w.rfind(name + "=", 0) == 0)
        {
            return w.substr(name.size() + 1);
        }
    }
    return "";
}

std::vector<std::string>
Words(const std::string& line)
{
    std::vector<std::string> words;
    std::istringstream in(line);
    std::string w;
    while (in >> w)
    {
        words.push_back(w);
    }
    return words;
}

std::vector<std::string>
SplitList(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::istringstream in(text);
    std::string part;
    while (std::getline(in, part, separator))
    {
        parts.push_back(part);
    }
    return parts;
}

} // namespace

std::vector<EmuRun::OurConnection>
EmuRun::OurConnections() const
{
    std::vector<OurConnection> connections;
    std::istringstream lines(File("our-tcp.txt"));
    std::string line;
    while (std::getline(lines, line))
    {
        auto words = Words(line);
        if (words.size() < 4 || words[0] != "conn")
        {
            continue;
        }
        OurConnection c;
        c.local = words[2];
        c.remote = words[3];
        c.states = SplitList(Field(words, "states"), ',');
        c.outcome = Field(words, "outcome");
        c.retransmissions = std::stoul("0" + Field(words, "retransmissions"));
        connections.push_back(c);
    }
    return connections;
}

uint64_t
EmuRun::OurBadChecksumDrops() const
{
    std::istringstream lines(File("our-tcp.txt"));
    std::string line;
    while (std::getline(lines, line))
    {
        auto words = Words(line);
        if (words.size() == 2 && words[0] == "bad-checksum-drops")
        {
            return std::stoull(words[1]);
        }
    }
    return 0;
}

bool
EmuRun::LinuxTraced() const
{
    std::FILE* f = std::fopen((dir + "/linux-trace.txt").c_str(), "r");
    if (!f)
    {
        return false;
    }
    std::fclose(f);
    return true;
}

std::vector<EmuRun::LinuxEvent>
EmuRun::LinuxEvents() const
{
    // ftrace lines: "  curl-123  [001] ..... 12.345: inet_sock_set_state: family=AF_INET ...
    //                sport=80 dport=40312 ... oldstate=TCP_SYN_SENT newstate=TCP_ESTABLISHED"
    std::vector<LinuxEvent> events;
    std::istringstream lines(File("linux-trace.txt"));
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        auto words = Words(line);
        LinuxEvent e;
        for (const auto& w : words)
        {
            if (w.size() > 1 && w.back() == ':' &&
                (w.rfind("inet_sock", 0) == 0 || w.rfind("tcp_", 0) == 0))
            {
                e.event = w.substr(0, w.size() - 1);
            }
        }
        if (e.event.empty())
        {
            continue;
        }
        std::string sport = Field(words, "sport");
        std::string dport = Field(words, "dport");
        e.sport = sport.empty() ? 0 : std::stoul(sport);
        e.dport = dport.empty() ? 0 : std::stoul(dport);
        e.oldState = Field(words, "oldstate");
        e.newState = Field(words, "newstate");
        events.push_back(e);
    }
    return events;
}

} // namespace handshake::test
