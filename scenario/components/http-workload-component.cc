#include "http-workload-component.h"

#include "ns3/decimal-number.h"
#include "ns3/distribution-flag.h"
#include "ns3/flag-set.h"
#include "ns3/http-client-helper.h"
#include "ns3/http-server-helper.h"
#include "ns3/request-recorder.h"
#include "ns3/run-results.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

#include "ns3/boolean.h"
#include "ns3/http-client-application.h"
#include "ns3/inet-socket-address.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

namespace
{

/**
 * HttpClientApplication's \p attribute as its default makes it, when that is a constant: one object
 * then serves every client, as ResponseSize's does. Each object made from the default's string costs
 * a parse and an RNG stream (27,000 instructions; 2 per client were 1.3% of a 1,000-client run,
 * issue [bench]), and a constant draws nothing from its stream. Null otherwise: the clients get
 * what ns-3 makes of the default.
 */
Ptr<RandomVariableStream>
SharedConstantDefault(const std::string& attribute)
{
    TypeId::AttributeInformation info;
    NS_ABORT_UNLESS(HttpClientApplication::GetTypeId().LookupAttributeByName(attribute, &info));
    Ptr<AttributeValue> value = info.checker->CreateValidValue(*info.initialValue);
    auto pointer = DynamicCast<PointerValue>(value);
    Ptr<RandomVariableStream> variable = pointer ? pointer->Get<RandomVariableStream>() : nullptr;
    return DynamicCast<ConstantRandomVariable>(variable) ? variable : nullptr;
}

} // namespace

HttpWorkloadComponent::HttpWorkloadComponent()
    : m_requestsText(std::to_string(requests))
{
}

void
HttpWorkloadComponent::AddFlags(FlagSet& flags)
{
    flags.Add("size", "response bytes per connection: number or random variable", sizeText);
    flags.Add("requests", "fetches per client, one connection each (1..100000)", m_requestsText);
    flags.AddSwitch("persistent",
                    "keep connections open for the next request (HTTP/1.1 keep-alive); default: one "
                    "connection per request",
                    persistent);
    flags.Add("start-window", "clients start at times drawn uniformly in [0.1 s, 0.1 s + this]",
              startWindowText);
}

std::string
HttpWorkloadComponent::Validate(const SimOptions& /* options */)
{
    if (!ParseDecimalNumber(m_requestsText, 1, 100000, &requests))
    {
        return "--requests: '" + m_requestsText + "' is not a whole number in 1..100000";
    }
    // The maximum is a sanity bound: a tail above it is refused per draw.
    auto parsed = DistributionFlag::Parse(sizeText, 0.0, 1e12, true);
    if (!parsed.stream)
    {
        return "--size: " + parsed.error;
    }
    sizeBytes = parsed.stream;
    std::string problem = SimOptions::ParseNonNegativeTime("start-window", startWindowText, startWindow);
    if (!problem.empty())
    {
        return problem;
    }
    // Clients that would start after the run's limit make no request at all (issue 23).
    const double lastStart =
        SimOptions::RUN_LIMIT_SECONDS - SimOptions::FIRST_START_SECONDS - STOP_BEFORE_LIMIT_MS / 1000.0;
    if (startWindow.GetSeconds() >= lastStart)
    {
        std::ostringstream os;
        os << "--start-window: '" << startWindowText << "' starts clients after the run's "
           << SimOptions::RUN_LIMIT_SECONDS << " s limit (at most " << lastStart << " s)";
        return os.str();
    }
    return "";
}

void
HttpWorkloadComponent::AddReportParameters(Parameters& parameters) const
{
    parameters.emplace_back("size (bytes)", sizeText);
    parameters.emplace_back("requests", std::to_string(requests));
    parameters.emplace_back("persistent", persistent ? "yes" : "no");
    parameters.emplace_back("start-window", startWindowText);
}

void
HttpWorkloadComponent::Install(ScenarioContext& context)
{
    TopologyBuilder& topology = context.topology;
    HttpServerHelper servers(context.httpPort);
    servers.Install(topology.GetServers()).Start(Seconds(0));
    Ptr<UniformRandomVariable> startJitter = CreateObject<UniformRandomVariable>();
    NodeContainer clients = topology.GetClients();
    uint32_t serverCount = topology.GetServers().GetN();
    std::vector<std::pair<std::string, Ptr<RandomVariableStream>>> shared;
    for (const char* attribute : {"EmbeddedSize", "ThinkTime"})
    {
        if (Ptr<RandomVariableStream> variable = SharedConstantDefault(attribute))
        {
            shared.emplace_back(attribute, variable);
        }
    }
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        HttpClientHelper client(InetSocketAddress(topology.GetServerAddress(i % serverCount), context.httpPort));
        client.SetAttribute("Requests", UintegerValue(requests));
        client.SetAttribute("ResponseSize", PointerValue(sizeBytes));
        client.SetAttribute("Persistent", BooleanValue(persistent));
        for (const auto& [attribute, variable] : shared)
        {
            client.SetAttribute(attribute, PointerValue(variable));
        }
        ApplicationContainer app = client.Install(clients.Get(i));
        context.requests.Install(app);
        Time start = Seconds(SimOptions::FIRST_START_SECONDS + startJitter->GetValue(0, startWindow.GetSeconds()));
        app.Start(start);
        context.results.clients[i].start = start.GetSeconds();
        app.Stop(Seconds(SimOptions::RUN_LIMIT_SECONDS) - MilliSeconds(STOP_BEFORE_LIMIT_MS));
    }
}

} // namespace ns3
