#include "sim-options.h"

#include "ns3/attribute-bounds.h"
#include "ns3/attribute-text.h"
#include "ns3/config-file.h"
#include "ns3/decimal-number.h"
#include "ns3/distribution-flag.h"
#include "ns3/toml-config.h"

#include "ns3/global-value.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/string.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

const char* const USAGE =
    "handshake-sim: clients fetch HTTP objects from servers over access links with delay and loss,\n"
    "through a shared bottleneck, with pcap traces of every TCP handshake and teardown;\n"
    "results.sqlite, summary.txt and report.html under --out.";

std::string
Trim(const std::string& text)
{
    auto first = text.find_first_not_of(" \t\r");
    auto last = text.find_last_not_of(" \t\r");
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

/** "name" of "--name=value", "--name" or "-name". */
std::string
FlagName(const std::string& arg)
{
    size_t start = std::min(arg.find_first_not_of('-'), arg.size());
    size_t eq = std::min(arg.find('=', start), arg.size());
    return arg.substr(start, eq - start);
}

} // namespace

SimOptions::SimOptions()
    : m_clientsText(std::to_string(clients)),
      m_serversText(std::to_string(servers)),
      m_fanoutText(std::to_string(fanout)),
      m_requestsText(std::to_string(requests))
{
    FlagSet& f = m_flags;
    f.Add("clients", "number of client hosts (1..1000000)", m_clientsText);
    f.Add("servers", "number of server hosts (1..16384)", m_serversText);
    f.Add("topology",
          "tree (clients under access routers of bounded fan-out) or dumbbell (all on one router)",
          topology);
    f.Add("fanout", "clients per access router in a tree (1..65536)", m_fanoutText);
    f.Add("delay", "per-client access link one-way delay in ms: a number or an ns-3 random variable",
          delayText);
    f.Add("loss", "per-client access link packet loss probability 0..1: number or random variable",
          lossText);
    f.Add("loss-model", "random (independent) or gilbert-elliott (bursty, same mean)", lossModel);
    f.Add("size", "response bytes per connection: number or random variable", sizeText);
    f.Add("bottleneck-rate", "rate of the shared link in front of the servers", bottleneckRateText);
    f.Add("bottleneck-delay", "one-way delay of the shared link", bottleneckDelayText);
    m_groupFlagsEnd = f.Size();
    f.Add("start-window", "clients start at times drawn uniformly in [0.1 s, 0.1 s + this]",
          startWindowText);
    f.Add("teardown-grace",
          "once every request has its outcome, wait at most this long for the clients' "
          "connections to end (their teardown); those still open are named",
          teardownGraceText);
    f.Add("requests", "fetches per client, one connection each (1..100000)", m_requestsText);
    f.AddSwitch("persistent",
                "keep connections open for the next request (HTTP/1.1 keep-alive); default: one "
                "connection per request",
                persistent);
    f.Add("tcp", "TCP of clients and servers: handshake (ours) or ns3 (stock ns-3 TCP)", tcp);
    f.Add("pcap", "what to capture: all|servers|sample:K|none", pcapText);
    f.Add("out", "output folder", outDir);
    f.AddSwitch("csv", "also write each results.sqlite table as <table>.csv under --out", csv);
    f.Add("ladder",
          std::string("which recorded connections report.html draws as ladder diagrams: ") +
              LadderSelection::SYNTAX,
          ladderText);
    f.AddSwitch("ladder-time-scale",
                "draw the ladders' rows to time scale, so that arrows slope by the one-way delay",
                ladderTimeScale);
    f.AddSwitch("drain",
                "after the last request, run on until every connection has left TIME_WAIT, so "
                "that each one's closed time is recorded (--tcp=handshake only)",
                drain);
    f.AddSwitch("check",
                "validate the flags (and the clients' draws of --delay and --loss), print 'flags ok' "
                "and exit 0 without writing anything; an invalid flag exits 2 as always",
                check);
    f.AddHandledBefore("config", "file of name = value lines (# comments), read before the other flags",
                       m_configFile);
}

void
SimOptions::Add(OptionGroup& group)
{
    FlagSet flags;
    group.AddFlags(flags);
    m_flags.Insert(m_groupFlagsEnd, flags);
    m_groupFlagsEnd += flags.Size();
    m_groups.push_back(&group);
}

std::string
SimOptions::ExpandConfigFiles(std::vector<std::string>& args)
{
    std::vector<std::string> expanded;
    for (const auto& arg : args)
    {
        if (arg.rfind("--config=", 0) != 0)
        {
            expanded.push_back(arg);
            continue;
        }
        std::string file = arg.substr(9);
        m_configFiles.push_back(file);
        std::string text;
        std::string readError = ConfigFile::Read(file, text);
        if (!readError.empty())
        {
            return "--config: " + readError;
        }
        // Config entries come first so that flags given on the command line override them.
        std::vector<std::string> fromFile;
        std::vector<std::string> origins;
        bool toml = file.size() > 5 && file.compare(file.size() - 5, 5, ".toml") == 0;
        std::string error = toml ? ParseTomlConfigText(text, file, fromFile, &origins)
                                 : ParseConfigText(text, file, fromFile, &origins);
        if (!error.empty())
        {
            return "--config: " + error;
        }
        for (size_t i = 0; i < fromFile.size(); ++i)
        {
            m_configOrigins[FlagName(fromFile[i])] = origins[i];
        }
        expanded.insert(expanded.begin(), fromFile.begin(), fromFile.end());
    }
    for (const auto& arg : args)
    {
        m_configOrigins.erase(FlagName(arg)); // the command line wins over a config file
    }
    args = expanded;
    return "";
}

std::string
SimOptions::WhereFrom(const std::string& error) const
{
    if (error.rfind("--", 0) != 0)
    {
        return error;
    }
    auto origin = m_configOrigins.find(error.substr(2, error.find(':') - 2));
    return origin == m_configOrigins.end() ? error : origin->second + ": " + error;
}

std::string
SimOptions::CheckConfigEntry(const std::string& name, const std::string& flag) const
{
    // ns-3's --PrintHelp and friends print and exit the program from inside the parse: they
    // are commands for the command line, not settings (found by fuzz/).
    if (FlagSet::IsPrintCommand(name))
    {
        return flag + ": prints and exits; give it on the command line";
    }
    std::string problem = m_flags.Check({flag});
    if (problem.empty() && flag.rfind("--config", 0) == 0)
    {
        return "config files do not nest";
    }
    return problem;
}

std::string
SimOptions::ParseTomlConfigText(const std::string& text,
                                const std::string& source,
                                std::vector<std::string>& flags,
                                std::vector<std::string>* origins) const
{
    std::vector<TomlConfigEntry> entries;
    std::string error = ReadTomlConfig(text, source, entries);
    if (!error.empty())
    {
        return error;
    }
    for (const auto& entry : entries)
    {
        std::string flag = "--" + entry.name + "=" + entry.value;
        std::string problem = CheckConfigEntry(entry.name, flag);
        if (!problem.empty())
        {
            return source + ":" + std::to_string(entry.line) + ": " + problem;
        }
        flags.push_back(flag);
        if (origins)
        {
            origins->push_back(source + ":" + std::to_string(entry.line));
        }
    }
    return "";
}

std::string
SimOptions::ParseConfigText(const std::string& text,
                            const std::string& source,
                            std::vector<std::string>& flags,
                            std::vector<std::string>* origins) const
{
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
    {
        std::string entry = Trim(line.substr(0, line.find('#')));
        if (entry.empty())
        {
            continue;
        }
        auto eq = entry.find('=');
        std::string name = Trim(entry.substr(0, eq));
        std::string flag =
            "--" + name + (eq == std::string::npos ? "" : "=" + Trim(entry.substr(eq + 1)));
        std::string problem = CheckConfigEntry(name, flag);
        if (!problem.empty())
        {
            return source + ":" + std::to_string(number) + ": " + problem;
        }
        flags.push_back(flag);
        if (origins)
        {
            origins->push_back(source + ":" + std::to_string(number));
        }
    }
    return "";
}

std::string
SimOptions::Parse(int argc, char* argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error = ExpandConfigFiles(args);
    return error.empty() ? WhereFrom(ParseExpanded(args, argv[0])) : error;
}

std::string
SimOptions::ParseExpanded(std::vector<std::string> args, const char* program)
{
    std::string error = m_flags.Check(args);
    if (!error.empty())
    {
        return error;
    }
    m_givenArgs = args;
    m_flags.Parse(program, USAGE, args);

    if (!ParseDecimalNumber(m_clientsText, 1, MAX_CLIENTS, &clients))
    {
        return "--clients: '" + m_clientsText + "' is not a whole number in 1.." +
               std::to_string(MAX_CLIENTS);
    }
    if (!ParseDecimalNumber(m_serversText, 1, 16384, &servers))
    {
        return "--servers: '" + m_serversText + "' is not a whole number in 1..16384";
    }
    if (!ParseDecimalNumber(m_fanoutText, 1, 65536, &fanout))
    {
        return "--fanout: '" + m_fanoutText + "' is not a whole number in 1..65536";
    }
    if (!ParseDecimalNumber(m_requestsText, 1, 100000, &requests))
    {
        return "--requests: '" + m_requestsText + "' is not a whole number in 1..100000";
    }
    return Validate();
}

namespace
{

/** "" and \p out set when \p text is a time >= 0 such as 12.5ms, else "--flag: what is wrong". */
std::string
ParseNonNegativeTime(const std::string& flag, const std::string& text, Time& out)
{
    return AttributeText::ParseNonNegativeTime(text, &out)
               ? ""
               : "--" + flag + ": '" + text + "' is not a non-negative time such as 12.5ms";
}

} // namespace

std::string
SimOptions::ParsePositiveRate(const std::string& flag, const std::string& text, DataRate& out)
{
    Ptr<AttributeValue> rate = AttributeText::Parse(MakeDataRateChecker(), text);
    if (!rate || DynamicCast<DataRateValue>(rate)->Get().GetBitRate() == 0)
    {
        return "--" + flag + ": '" + text + "' is not a positive data rate such as 100Mbps";
    }
    out = DynamicCast<DataRateValue>(rate)->Get();
    return "";
}

std::string
SimOptions::Validate()
{
    struct DistributionField
    {
        const char* flag;
        const std::string& text;
        Ptr<RandomVariableStream>& target;
        double minValue;
        double maxValue;
        bool tailAboveMax; //!< maxValue is a sanity bound, not the parameter's domain
    };

    DistributionField fields[] = {
        {"delay", delayText, delayMs, 0.0, 1e6, true},
        {"loss", lossText, lossRate, 0.0, 1.0, false},
        {"size", sizeText, sizeBytes, 0.0, 1e12, true},
    };
    for (auto& field : fields)
    {
        auto parsed =
            DistributionFlag::Parse(field.text, field.minValue, field.maxValue, field.tailAboveMax);
        if (!parsed.stream)
        {
            return std::string("--") + field.flag + ": " + parsed.error;
        }
        field.target = parsed.stream;
    }

    std::string problem = ParsePositiveRate("bottleneck-rate", bottleneckRateText, bottleneckRate);
    if (problem.empty())
    {
        problem = ParseNonNegativeTime("bottleneck-delay", bottleneckDelayText, bottleneckDelay);
    }
    if (problem.empty())
    {
        problem = ParseNonNegativeTime("start-window", startWindowText, startWindow);
    }
    if (problem.empty())
    {
        problem = ParseNonNegativeTime("teardown-grace", teardownGraceText, teardownGrace);
    }
    // Clients that would start after the run's limit make no request at all (issue 23).
    const double lastStart = RUN_LIMIT_SECONDS - FIRST_START_SECONDS - 0.001;
    if (problem.empty() && startWindow.GetSeconds() >= lastStart)
    {
        std::ostringstream os;
        os << "--start-window: '" << startWindowText << "' starts clients after the run's "
           << RUN_LIMIT_SECONDS << " s limit (at most " << lastStart << " s)";
        problem = os.str();
    }
    if (!problem.empty())
    {
        return problem;
    }

    if (tcp != "ns3" && tcp != "handshake")
    {
        return "--tcp: '" + tcp + "' is not a TCP here (ns3 or handshake)";
    }
    if (drain && tcp != "handshake")
    {
        // The wait is our TCP's 2 MSL (its Msl attribute); stock TCP's TIME_WAIT, now seen through
        // each socket's State trace, lasts 2 x its MaxSegLifetime, which the run does not read.
        return "--drain: needs --tcp=handshake (the run waits our TCP's 2 MSL, not stock TCP's)";
    }

    if (topology != "tree" && topology != "dumbbell")
    {
        return "--topology: '" + topology + "' is not one of tree, dumbbell";
    }
    if (lossModel != "random" && lossModel != "gilbert-elliott")
    {
        return "--loss-model: '" + lossModel + "' is not one of random, gilbert-elliott";
    }
    for (OptionGroup* group : m_groups)
    {
        std::string groupError = group->Validate(*this);
        if (!groupError.empty())
        {
            return groupError;
        }
    }
    std::string ladderError = ladders.Parse(ladderText);
    if (!ladderError.empty())
    {
        return "--ladder: " + ladderError;
    }
    std::string captureError = capture.Parse(pcapText);
    if (!captureError.empty())
    {
        return "--pcap: " + captureError;
    }
    return AttributeBounds::CheckTogether(tcp);
}

std::vector<SettingRecord>
SimOptions::EffectiveSettings(const std::string& program,
                              const std::vector<std::string>& programGlobals) const
{
    std::map<std::string, std::string> given; // name -> value, the last given wins as in the parse
    std::vector<std::string> ns3Names;         // ns-3 attributes given, in their first order
    for (const std::string& arg : m_givenArgs)
    {
        std::string name = FlagName(arg);
        auto eq = arg.find('=');
        if (!given.count(name) && !m_flags.Has(name))
        {
            ns3Names.push_back(name);
        }
        given[name] = eq == std::string::npos ? "true" : arg.substr(eq + 1);
    }
    auto source = [this, &given](const std::string& name) -> std::string {
        if (!given.count(name))
        {
            return "default";
        }
        auto origin = m_configOrigins.find(name);
        return origin == m_configOrigins.end() ? "command line" : origin->second;
    };

    std::vector<SettingRecord> settings;
    for (const auto& [name, value] : m_flags.Values())
    {
        settings.push_back({name, value, source(name)});
    }
    for (const std::string& file : m_configFiles)
    {
        settings.push_back({"config", file, "command line"});
    }
    for (const std::string& name : ns3Names)
    {
        StringValue global;
        if (!GlobalValue::GetValueByNameFailSafe(name, global)) // the globals come next, all of them
        {
            settings.push_back({name, given[name], source(name)});
        }
    }
    for (auto g = GlobalValue::Begin(); g != GlobalValue::End(); ++g)
    {
        const std::string name = (*g)->GetName();
        StringValue value;
        (*g)->GetValue(value);
        bool bound = std::find(programGlobals.begin(), programGlobals.end(), name) != programGlobals.end();
        settings.push_back({name, value.Get(), given.count(name) || !bound ? source(name) : program});
    }
    return settings;
}

std::vector<std::pair<std::string, std::string>>
SimOptions::ReportParameters() const
{
    std::vector<std::pair<std::string, std::string>> parameters;
    auto add = [&parameters](const std::string& name, const std::string& value) {
        parameters.emplace_back(name, value);
    };
    add("clients", std::to_string(clients));
    add("servers", std::to_string(servers));
    add("topology", topology);
    add("fanout", std::to_string(fanout));
    add("delay (ms)", delayText);
    add("loss", lossText);
    add("loss-model", lossModel);
    add("size (bytes)", sizeText);
    add("bottleneck-rate", bottleneckRateText);
    add("bottleneck-delay", bottleneckDelayText);
    add("requests", std::to_string(requests));
    add("persistent", persistent ? "yes" : "no");
    add("tcp", tcp);
    add("pcap", pcapText);
    add("start-window", startWindowText);
    add("teardown-grace", teardownGraceText);
    add("ladder", ladderText + (ladderTimeScale ? " (to time scale)" : ""));
    for (const OptionGroup* group : m_groups)
    {
        group->AddReportParameters(parameters);
    }
    add("RngRun", std::to_string(RngSeedManager::GetRun()));
    return parameters;
}

} // namespace ns3
