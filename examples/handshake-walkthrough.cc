/*
 * handshake-walkthrough: two hosts, one HTTP GET, and the connection's timeline printed the
 * way shared/seeds/ tell it: three-way handshake, request and response, four-way teardown and
 * TIME_WAIT's end, one row per event (send, receive, drop, timer) with each segment's flags, seq/ack
 * (absolute and relative) and both sides' TCP states.
 *
 *   client 10.1.1.1 ------ 10 Mbps, --delay ms ------ server 10.1.1.2:80
 *
 * Both hosts run handshake's TCP (random ISNs: relative numbers start at 0 as in Wireshark).
 * A pcap of the client's side is written to --out.
 *
 * --dns=on: the client first looks server.example up (a DnsServerApplication on the server host,
 * the client's DnsStubResolver), so the timeline starts as the seeds' request flow does: the DNS
 * query and its answer, then the SYN.
 *
 * --drop=RULE[,RULE...] loses segments by what they are (TcpSegmentRule: c2s:syn, s2c:synack,
 * c2s:ack=1 for the handshake's final ACK, c2s:fin, s2c:data=1#2, ...): one TcpSegmentRuleErrorModel
 * on both ends of the link. The link's drop is a row marked LOST at the time it dropped the segment,
 * and the rows after it show the retransmission that repairs it.
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    // The option parser of handshake-sim and handshake-emu (FlagSet): a bad flag is one line and
    // exit 2, never an abort inside ns-3's CommandLine.
    std::string delayText = "20";
    std::string sizeText = "1000";
    std::string out = "out-walkthrough";
    std::string drop;
    std::string dns = "off";
    FlagSet flags;
    flags.Add("delay", "one-way link delay, ms (0..10000)", delayText);
    flags.Add("size", "response body bytes (0..100000000)", sizeText);
    flags.Add("out", "folder for the pcap", out);
    flags.Add("drop",
              "segments to lose: RULE[,RULE...], RULE = DIR:WHAT[#K], DIR c2s or s2c, WHAT syn, "
              "synack, fin, rst, data=X or ack=A (e.g. s2c:synack, c2s:ack=1, c2s:fin)",
              drop);
    flags.Add("dns",
              "on: the client looks server.example up first (a DNS server on the server host), as "
              "the seeds' request flow begins; off: it connects to the address",
              dns);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error = flags.Check(args);
    if (!error.empty())
    {
        std::cerr << "handshake-walkthrough: " << PrintableText::Of(error, 400) << std::endl;
        return 2;
    }
    flags.Parse(argv[0], "handshake-walkthrough: one HTTP GET between two hosts, segment by segment.", args);
    std::optional<double> delay = DistributionFlag::ParseNumber(delayText);
    uint32_t size = 0;
    if (!delay || *delay < 0 || *delay > 10000 || !ParseDecimalNumber(sizeText, 0, 100000000, &size))
    {
        std::cerr << "handshake-walkthrough: "
                  << PrintableText::Of(!delay || *delay < 0 || *delay > 10000
                                           ? "--delay: '" + delayText + "' is not a delay in ms, 0..10000"
                                           : "--size: '" + sizeText + "' is not a whole number in 0..100000000",
                                       400)
                  << std::endl;
        return 2;
    }
    if (dns != "on" && dns != "off")
    {
        std::cerr << "handshake-walkthrough: " << PrintableText::Of("--dns: '" + dns + "' is not one of on, off", 400)
                  << std::endl;
        return 2;
    }
    double delayMs = *delay;
    std::vector<TcpSegmentRule> rules;
    error = TcpSegmentRule::ParseList(drop, &rules);
    for (const auto& rule : rules)
    {
        if (error.empty() && rule.GetClient().value_or(0) != 0)
        {
            error = "'" + rule.GetText() + "': there is one client, client:0";
        }
    }
    if (!error.empty())
    {
        std::cerr << "handshake-walkthrough: --drop: " << error << std::endl;
        return 2;
    }

    NodeContainer hosts;
    hosts.Create(2);
    HandshakeTcpStackHelper().Install(hosts);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", TimeValue(Time::FromDouble(delayMs, Time::MS)));
    NetDeviceContainer devices = link.Install(hosts);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    HttpServerHelper server(80);
    server.Install(hosts.Get(1)).Start(Seconds(0));
    HttpClientHelper client(InetSocketAddress(interfaces.GetAddress(1), 80));
    client.SetAttribute("Requests", UintegerValue(1));
    client.SetAttribute("ResponseSize",
                        StringValue("ns3::ConstantRandomVariable[Constant=" + std::to_string(size) + "]"));
    if (dns == "on")
    {
        Ptr<DnsServerApplication> names = CreateObject<DnsServerApplication>();
        names->AddRecord("server.example", interfaces.GetAddress(1));
        hosts.Get(1)->AddApplication(names);
        Ptr<DnsStubResolver> resolver =
            CreateObjectWithAttributes<DnsStubResolver>("Server", Ipv4AddressValue(interfaces.GetAddress(1)));
        resolver->SetNode(hosts.Get(0));
        client.SetAttribute("HostName", StringValue("server.example"));
        client.SetAttribute("Resolver", PointerValue(resolver));
    }
    client.Install(hosts.Get(0)).Start(Seconds(1));

    LifecycleTimeline timeline;
    timeline.Attach(hosts.Get(0), hosts.Get(1));
    if (!rules.empty())
    {
        // One model on both ends: it sees both SYNs, so both ISNs (relative numbers).
        Ptr<TcpSegmentRuleErrorModel> losses = CreateObject<TcpSegmentRuleErrorModel>();
        losses->SetRules(rules);
        losses->AddClient(interfaces.GetAddress(0), 0);
        losses->TraceConnectWithoutContext(
            "Drop",
            Callback<void, Ptr<const Packet>, const TcpSegmentRuleErrorModel::Dropped&>(
                [&timeline](Ptr<const Packet>, const TcpSegmentRuleErrorModel::Dropped& dropped) {
                    timeline.MarkLost(dropped.clientToServer, dropped.header, dropped.rule);
                }));
        devices.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(losses));
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(losses));
    }
    mkdir(out.c_str(), 0755);
    link.EnablePcap(out + "/walkthrough-client.pcap", devices.Get(0), false, true);

    Simulator::Stop(Seconds(600));
    Simulator::Run();
    Simulator::Destroy();

    std::cout << "One HTTP GET between client 10.1.1.1 and server 10.1.1.2:80 (handshake's TCP, "
              << delayMs << " ms one way" << (dns == "on" ? "; it looks server.example up first, DNS on the server host" : "")
              << ")"
              << (drop.empty() ? "" : "; --drop=" + drop + ": the link drops the segments marked LOST") << "\n\n"
              << timeline.Format() << "\npcap: " << out << "/walkthrough-client.pcap\n";
    return 0;
}
