/*
 * handshake-walkthrough: two hosts, one DNS-free HTTP GET, and the connection's timeline printed the
 * way shared/seeds/ draw it: three-way handshake, request and response, four-way teardown, with each
 * segment's flags, seq/ack (absolute and relative) and both sides' TCP states before and after.
 *
 *   client 10.1.1.1 ------ 10 Mbps, --delay ms ------ server 10.1.1.2:80
 *
 * Both hosts run handshake's TCP (random ISNs: relative numbers start at 0 as in Wireshark).
 * A pcap of the client's side is written to --out.
 *
 * --drop=RULE[,RULE...] loses segments by what they are (TcpSegmentRule: c2s:syn, s2c:synack,
 * c2s:ack=1 for the handshake's final ACK, c2s:fin, s2c:data=1#2, ...): one TcpSegmentRuleErrorModel
 * on both ends of the link. A lost segment is a row marked LOST at the time the link dropped it, and the
 * rows after it show the timer that fires and the retransmission that repairs it.
 */
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    double delayMs = 20;
    uint32_t size = 1000;
    std::string out = "out-walkthrough";
    std::string drop;
    CommandLine cmd;
    cmd.Usage("handshake-walkthrough: one HTTP GET between two hosts, segment by segment.");
    cmd.AddValue("delay", "one-way link delay, ms", delayMs);
    cmd.AddValue("size", "response body bytes", size);
    cmd.AddValue("out", "folder for the pcap", out);
    cmd.AddValue("drop",
                 "segments to lose: RULE[,RULE...], RULE = DIR:WHAT[#K], DIR c2s or s2c, WHAT syn, "
                 "synack, fin, rst, data=X or ack=A (e.g. s2c:synack, c2s:ack=1, c2s:fin)",
                 drop);
    cmd.Parse(argc, argv);
    if (delayMs < 0 || size > 100000000)
    {
        std::cerr << "handshake-walkthrough: --delay must be >= 0 and --size at most 1e8" << std::endl;
        return 2;
    }
    std::vector<TcpSegmentRule> rules;
    std::string error = TcpSegmentRule::ParseList(drop, &rules);
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
    link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(delayMs)));
    NetDeviceContainer devices = link.Install(hosts);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    HttpServerHelper server(80);
    server.Install(hosts.Get(1)).Start(Seconds(0));
    HttpClientHelper client(InetSocketAddress(interfaces.GetAddress(1), 80));
    client.SetAttribute("Requests", UintegerValue(1));
    client.SetAttribute("ResponseSize",
                        StringValue("ns3::ConstantRandomVariable[Constant=" + std::to_string(size) + "]"));
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
              << delayMs << " ms one way)"
              << (drop.empty() ? "" : "; --drop=" + drop + ": rows marked LOST never arrive") << "\n\n"
              << timeline.Format() << "\npcap: " << out << "/walkthrough-client.pcap\n";
    return 0;
}
