#include "sim-options.h"

#include "attribute-text.h"
#include "distribution-flag.h"

#include "ns3/command-line.h"
#include "ns3/global-value.h"
#include "ns3/string.h"

#include <algorithm>
#include <limits>

namespace ns3
{

namespace
{

const std::vector<std::string> g_ns3BuiltinFlags = {"PrintHelp",
                                                    "PrintGlobals",
                                                    "PrintGroups",
                                                    "PrintGroup",
                                                    "PrintTypeIds",
                                                    "PrintAttributes",
                                                    "PrintVersion",
                                                    "help"};

const std::vector<std::string> g_ownFlags = {"clients",
                                             "servers",
                                             "delay",
                                             "loss",
                                             "size",
                                             "bottleneck-rate",
                                             "bottleneck-delay",
                                             "requests",
                                             "tcp",
                                             "pcap",
                                             "out"};

bool
Contains(const std::vector<std::string>& list, const std::string& name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

/** Parses a whole decimal count in [minValue, maxValue]; false if it is not one. */
bool
ParseCount(const std::string& text, uint64_t minValue, uint64_t maxValue, uint32_t& out)
{
    if (text.empty() || text.size() > 10 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return false;
    }
    uint64_t value = std::stoull(text);
    if (value < minValue || value > maxValue)
    {
        return false;
    }
    out = static_cast<uint32_t>(value);
    return true;
}

} // namespace

std::string
SimOptions::CheckNames(const std::vector<std::string>& args) const
{
    for (const auto& arg : args)
    {
        if (arg.rfind("--", 0) != 0)
        {
            return arg + ": unexpected argument (flags are --name=value)";
        }
        auto eq = arg.find('=');
        std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
        if (Contains(g_ownFlags, name))
        {
            if (value.empty())
            {
                return "--" + name + ": needs a value (--" + name + "=...)";
            }
            continue;
        }
        if (Contains(g_ns3BuiltinFlags, name))
        {
            continue;
        }
        bool isGlobal = std::any_of(GlobalValue::Begin(), GlobalValue::End(), [&](GlobalValue* g) {
            return g->GetName() == name;
        });
        if (isGlobal || name.rfind("ns3::", 0) == 0)
        {
            // Checked here because ns-3's own parsing aborts on malformed values.
            std::string problem = isGlobal ? AttributeText::BindGlobal(name, value)
                                           : AttributeText::SetDefault(name, value);
            if (!problem.empty())
            {
                return "--" + name + ": " + problem;
            }
            continue;
        }
        return "--" + name + ": unknown flag (see --PrintHelp)";
    }
    return "";
}

std::string
SimOptions::Parse(int argc, char* argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error = CheckNames(args);
    if (!error.empty())
    {
        return error;
    }

    std::string clientsText = std::to_string(clients);
    std::string serversText = std::to_string(servers);
    std::string requestsText = std::to_string(requests);
    CommandLine cmd;
    cmd.Usage("handshake-sim: clients fetch bytes from servers over access links with delay and loss,\n"
              "through a shared bottleneck, with pcap traces of every TCP handshake and teardown.");
    cmd.AddValue("clients", "number of client hosts (1..16384)", clientsText);
    cmd.AddValue("servers", "number of server hosts (1..1000)", serversText);
    cmd.AddValue("delay",
                 "per-client access link one-way delay in ms: a number or an ns-3 random variable",
                 delayText);
    cmd.AddValue("loss",
                 "per-client access link packet loss probability 0..1: number or random variable",
                 lossText);
    cmd.AddValue("size", "response bytes per connection: number or random variable", sizeText);
    cmd.AddValue("bottleneck-rate", "rate of the shared link in front of the servers", bottleneckRateText);
    cmd.AddValue("bottleneck-delay", "one-way delay of the shared link", bottleneckDelayText);
    cmd.AddValue("requests", "fetches per client, one connection each (1..100000)", requestsText);
    cmd.AddValue("tcp", "TCP of clients and servers: ns3 (stock ns-3 TCP) or handshake (ours)", tcp);
    cmd.AddValue("pcap", "what to capture: all|servers|sample:K|none", pcapText);
    cmd.AddValue("out", "output folder", outDir);
    cmd.Parse(argc, argv);

    if (!ParseCount(clientsText, 1, MAX_CLIENTS, clients))
    {
        return "--clients: '" + clientsText + "' is not a whole number in 1.." +
               std::to_string(MAX_CLIENTS);
    }
    if (!ParseCount(serversText, 1, 1000, servers))
    {
        return "--servers: '" + serversText + "' is not a whole number in 1..1000";
    }
    if (!ParseCount(requestsText, 1, 100000, requests))
    {
        return "--requests: '" + requestsText + "' is not a whole number in 1..100000";
    }
    return Validate();
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
    };

    DistributionField fields[] = {
        {"delay", delayText, delayMs, 0.0, 1e6},
        {"loss", lossText, lossRate, 0.0, 1.0},
        {"size", sizeText, sizeBytes, 0.0, 1e12},
    };
    for (auto& field : fields)
    {
        auto parsed = DistributionFlag::Parse(field.text, field.minValue, field.maxValue);
        if (!parsed.stream)
        {
            return std::string("--") + field.flag + ": " + parsed.error;
        }
        field.target = parsed.stream;
    }

    Ptr<AttributeValue> rate = AttributeText::Parse(MakeDataRateChecker(), bottleneckRateText);
    if (!rate || DynamicCast<DataRateValue>(rate)->Get().GetBitRate() == 0)
    {
        return "--bottleneck-rate: '" + bottleneckRateText +
               "' is not a positive data rate such as 100Mbps";
    }
    bottleneckRate = DynamicCast<DataRateValue>(rate)->Get();

    Ptr<AttributeValue> delay = AttributeText::Parse(MakeTimeChecker(), bottleneckDelayText);
    if (!delay || DynamicCast<TimeValue>(delay)->Get().IsStrictlyNegative())
    {
        return "--bottleneck-delay: '" + bottleneckDelayText +
               "' is not a non-negative time such as 12.5ms";
    }
    bottleneckDelay = DynamicCast<TimeValue>(delay)->Get();

    if (tcp != "ns3" && tcp != "handshake")
    {
        return "--tcp: '" + tcp + "' is not a TCP here (ns3 or handshake)";
    }

    if (pcapText == "all")
    {
        capture.kind = CapturePolicy::ALL;
    }
    else if (pcapText == "servers")
    {
        capture.kind = CapturePolicy::SERVERS;
    }
    else if (pcapText == "none")
    {
        capture.kind = CapturePolicy::NONE;
    }
    else if (pcapText.rfind("sample:", 0) == 0 &&
             ParseCount(pcapText.substr(7), 1, MAX_CLIENTS, capture.sampleClients))
    {
        capture.kind = CapturePolicy::SAMPLE;
    }
    else
    {
        return "--pcap: '" + pcapText + "' is not one of all, servers, sample:K (K >= 1), none";
    }

    return "";
}

} // namespace ns3
