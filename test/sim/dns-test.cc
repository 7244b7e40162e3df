// DnsServerApplication and DnsStubResolver on two nodes: a lookup is one query and one answer that
// tshark's dns dissector decodes (names, IDs, addresses, checksums good); a second lookup within
// the TTL sends nothing; a lost query is sent again after the Timeout; NXDOMAIN and a dead server
// fail the lookup, after one round trip and after Timeout x Attempts; datagrams that are not a
// query are dropped and counted, never answered.
#include "pcap-checker.h"
#include "tcp-two-nodes.h"

#include "ns3/error-model.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <list>
#include <memory>
#include <string>
#include <vector>

using namespace ns3;
using ::handshake::test::PcapChecker;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** A DNS server on the server node (unless \p serverUp is false) and a resolver on the client. */
struct DnsPair
{
    std::unique_ptr<TwoNodes> nodes;
    Ptr<DnsServerApplication> server;
    Ptr<DnsStubResolver> resolver;
    std::vector<DnsStubResolver::Result> results;

    DnsPair(const std::string& name, bool serverUp = true)
    {
        TwoNodesOptions options;
        options.name = name;
        nodes = std::make_unique<TwoNodes>(options);
        Ipv4Address serverAddress = InetSocketAddress::ConvertFrom(nodes->ServerAddress()).GetIpv4();
        if (serverUp)
        {
            server = CreateObject<DnsServerApplication>();
            server->AddRecord("server0.example", Ipv4Address("192.168.0.1"));
            server->SetAttribute("Ttl", UintegerValue(30));
            nodes->Server()->AddApplication(server);
            server->SetStartTime(Seconds(0));
        }
        resolver = CreateObjectWithAttributes<DnsStubResolver>("Server", Ipv4AddressValue(serverAddress));
        resolver->SetNode(nodes->Client());
        resolver->AssignStreams(7);
    }

    void ResolveAt(Time at, const std::string& name)
    {
        Simulator::Schedule(at, [this, name] {
            resolver->Resolve(name, [this](const DnsStubResolver::Result& r) { results.push_back(r); });
        });
    }
};

/** tshark's decode of \p pcap's DNS packets: "response id name address rcode udp-checksum" per line. */
std::vector<std::string>
DnsLines(const std::string& pcap)
{
    return PcapChecker::Lines(pcap, "-o udp.check_checksum:TRUE -o ip.check_checksum:TRUE -Y dns -T fields "
                                    "-e dns.flags.response -e dns.id -e dns.qry.name -e dns.a -e dns.flags.rcode "
                                    "-e udp.checksum.status -e ip.checksum.status -E separator=' '");
}

} // namespace

TEST(Dns, ALookupIsOneQueryAndOneAnswerAsTsharkDecodesThem)
{
    DnsPair dns("dns-lookup");
    dns.ResolveAt(Seconds(1), "Server0.Example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 1u);
    const DnsStubResolver::Result& r = dns.results[0];
    EXPECT_TRUE(r.ok) << r.failure;
    EXPECT_EQ(r.address, Ipv4Address("192.168.0.1"));
    EXPECT_FALSE(r.fromCache);
    EXPECT_EQ(r.start, Seconds(1));
    EXPECT_GT(r.end - r.start, MilliSeconds(20)) << "a round trip of the 10 ms link";
    EXPECT_LT(r.end - r.start, MilliSeconds(21));
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 1u);
    EXPECT_EQ(dns.server->GetAnswered(), 1u);

    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 2u);
    std::string id = lines[0].substr(2, lines[0].find(' ', 2) - 2);
    // Checksum status 1 = good (tshark's; ChecksumStatus::GOOD); rcode 0 = No error.
    EXPECT_EQ(lines[0], "0 " + id + " server0.example   1 1") << "the query (no rcode in a query)";
    EXPECT_EQ(lines[1], "1 " + id + " server0.example 192.168.0.1 0 1 1") << "the answer, same ID";
}

TEST(Dns, ASecondLookupWithinTheTtlSendsNothing)
{
    DnsPair dns("dns-cache");
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.ResolveAt(Seconds(20), "server0.example"); // TTL 30 s: cached
    dns.ResolveAt(Seconds(40), "server0.example"); // expired: asked again
    dns.nodes->Run(Seconds(60));
    ASSERT_EQ(dns.results.size(), 3u);
    EXPECT_FALSE(dns.results[0].fromCache);
    EXPECT_TRUE(dns.results[1].fromCache);
    EXPECT_TRUE(dns.results[1].ok);
    EXPECT_EQ(dns.results[1].start, dns.results[1].end) << "no time";
    EXPECT_FALSE(dns.results[2].fromCache);
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
    EXPECT_EQ(dns.resolver->GetCacheHits(), 1u);
    EXPECT_EQ(DnsLines(dns.nodes->ClientPcap()).size(), 4u) << "two queries and two answers";
}

TEST(Dns, LookupsOfANameInFlightShareItsQuery)
{
    DnsPair dns("dns-shared");
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.ResolveAt(Seconds(1.005), "server0.example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 2u);
    EXPECT_TRUE(dns.results[1].ok);
    EXPECT_FALSE(dns.results[1].fromCache);
    EXPECT_EQ(dns.results[1].end, dns.results[0].end);
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 1u);
}

TEST(Dns, ALostQueryIsSentAgainAfterTheTimeout)
{
    DnsPair dns("dns-retry");
    Ptr<ReceiveListErrorModel> loseFirst = CreateObject<ReceiveListErrorModel>();
    loseFirst->SetList({0}); // the server's first datagram: the query
    dns.nodes->Server()->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(loseFirst));
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.nodes->Run(Seconds(30));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_TRUE(dns.results[0].ok);
    EXPECT_GT(dns.results[0].end, Seconds(6)) << "5 s for the first attempt, then a round trip";
    EXPECT_LT(dns.results[0].end, Seconds(6.021));
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 3u) << "query, the same query again, answer";
    EXPECT_EQ(lines[0], lines[1]) << "glibc sends the same query, same ID";
}

TEST(Dns, NxDomainFailsAfterOneRoundTrip)
{
    DnsPair dns("dns-nxdomain");
    dns.ResolveAt(Seconds(1), "nowhere.example");
    dns.nodes->Run(Seconds(20));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_FALSE(dns.results[0].ok);
    EXPECT_EQ(dns.results[0].failure, "nxdomain");
    EXPECT_LT(dns.results[0].end, Seconds(1.021));
    EXPECT_EQ(dns.server->GetNxDomain(), 1u);
    std::vector<std::string> lines = DnsLines(dns.nodes->ClientPcap());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].substr(0, 2), "1 ");
    EXPECT_NE(lines[1].find(" nowhere.example  3 1 1"), std::string::npos) << lines[1] << ": rcode 3";
}

TEST(Dns, ADeadServerFailsTheLookupAfterTimeoutTimesAttempts)
{
    DnsPair dns("dns-dead", false);
    dns.ResolveAt(Seconds(1), "server0.example");
    dns.nodes->Run(Seconds(30));
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_FALSE(dns.results[0].ok);
    EXPECT_EQ(dns.results[0].failure, "timeout");
    EXPECT_EQ(dns.results[0].end, Seconds(11)) << "glibc's 5 s x 2 attempts";
    EXPECT_EQ(dns.resolver->GetQueriesSent(), 2u);
}

TEST(Dns, WhatIsNotAQueryIsDroppedAndCountedNeverAnswered)
{
    DnsPair dns("dns-malformed");
    Ptr<Socket> attacker = Socket::CreateSocket(dns.nodes->Client(), UdpSocketFactory::GetTypeId());
    std::vector<std::string> reasons;
    dns.server->TraceConnectWithoutContext(
        "Drop", MakeCallback(+[](std::vector<std::string>* r, Ptr<const Packet>, const std::string& why) {
                                 r->push_back(why);
                             }).Bind(&reasons));
    Simulator::Schedule(Seconds(1), [&] {
        attacker->Bind();
        InetSocketAddress to(InetSocketAddress::ConvertFrom(dns.nodes->ServerAddress()).GetIpv4(), 53);
        const uint8_t junk[] = {0xde, 0xad, 0xbe};
        attacker->SendTo(Create<Packet>(junk, sizeof(junk)), 0, to);
        // A well-formed answer sent to the server: a response, not a query.
        DnsMessage answer = DnsMessage::Query(5, "server0.example");
        answer.response = true;
        std::vector<uint8_t> wire = DnsWire::Encode(answer);
        attacker->SendTo(Create<Packet>(wire.data(), wire.size()), 0, to);
    });
    dns.ResolveAt(Seconds(2), "server0.example"); // still answers queries
    dns.nodes->Run(Seconds(20));
    EXPECT_EQ(dns.server->GetMalformed(), 2u);
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_NE(reasons[0].find("not a DNS message"), std::string::npos) << reasons[0];
    EXPECT_EQ(reasons[1], "a response, not a query");
    EXPECT_EQ(dns.server->GetAnswered(), 1u);
    ASSERT_EQ(dns.results.size(), 1u);
    EXPECT_TRUE(dns.results[0].ok);
}

namespace
{

/** HTTP over DnsPair: the HTTP server beside the DNS server; a client that resolves \p host first
 *  and makes \p requests GETs of 1000 bytes, one connection each. */
struct HttpOverDns
{
    DnsPair dns;
    std::vector<HttpRequestRecord> records;

    HttpOverDns(const std::string& name, const std::string& host, uint32_t requests, bool serverUp = true)
        : dns(name, serverUp)
    {
        HttpServerHelper(80).Install(dns.nodes->Server()).Start(Seconds(0));
        HttpClientHelper client(InetSocketAddress(Ipv4Address("127.0.0.1"), 80)); // the lookup's address wins
        client.SetAttribute("HostName", StringValue(host));
        client.SetAttribute("Resolver", PointerValue(dns.resolver));
        client.SetAttribute("Requests", UintegerValue(requests));
        client.SetAttribute("ResponseSize", StringValue("ns3::ConstantRandomVariable[Constant=1000]"));
        ApplicationContainer app = client.Install(dns.nodes->Client());
        app.Start(Seconds(1));
        app.Stop(Seconds(100));
        app.Get(0)->TraceConnectWithoutContext(
            "Record", MakeCallback(+[](std::vector<HttpRequestRecord>* r, const HttpRequestRecord& record) {
                          r->push_back(record);
                      }).Bind(&records));
    }
};

} // namespace

TEST(Dns, TheClientLooksTheHostUpBeforeItsHandshakeThenFromTheCache)
{
    HttpOverDns http("dns-http", "server0.example", 2);
    // The lookup's answer must be the server: give the DNS record the HTTP server's real address.
    Ipv4Address server = InetSocketAddress::ConvertFrom(http.dns.nodes->ServerAddress()).GetIpv4();
    http.dns.server->AddRecord("server0.example", server);
    http.dns.nodes->Run(Seconds(120));
    ASSERT_EQ(http.records.size(), 2u);
    const HttpRequestRecord& first = http.records[0];
    EXPECT_EQ(first.outcome, HttpRequestRecord::Outcome::OK) << first.detail;
    EXPECT_EQ(first.dnsStart, Seconds(1));
    EXPECT_FALSE(first.dnsFromCache);
    EXPECT_GT(first.dnsEnd, first.dnsStart + MilliSeconds(20)) << "a round trip";
    EXPECT_EQ(first.connectCalled, first.dnsEnd) << "the SYN follows the answer at once";
    const HttpRequestRecord& second = http.records[1];
    EXPECT_EQ(second.outcome, HttpRequestRecord::Outcome::OK) << second.detail;
    EXPECT_TRUE(second.dnsFromCache);
    EXPECT_EQ(second.dnsStart, second.dnsEnd);
    EXPECT_EQ(http.dns.resolver->GetQueriesSent(), 1u) << "the second connection's lookup sent nothing";

    // On the wire: the query and its answer, then the first SYN; the request names the host.
    std::vector<std::string> order;
    for (const std::string& line :
         PcapChecker::Lines(http.dns.nodes->ClientPcap(),
                            "-Y 'dns || tcp.flags.syn == 1 || http.request' -T fields -e frame.protocols -e http.host"))
    {
        order.push_back(line.find(":dns") != std::string::npos    ? "dns"
                        : line.find(":http") != std::string::npos ? "http " + line.substr(line.find('\t') + 1)
                                                                  : "tcp");
    }
    ASSERT_GE(order.size(), 4u);
    EXPECT_EQ(order[0], "dns");
    EXPECT_EQ(order[1], "dns");
    EXPECT_EQ(order[2], "tcp") << "the SYN after the answer";
    EXPECT_NE(std::find(order.begin(), order.end(), "http server0.example"), order.end()) << "Host: server0.example";
}

TEST(Dns, AnUnknownNameEndsEachRequestAsDnsFailedWithNoConnection)
{
    HttpOverDns http("dns-http-nxdomain", "nowhere.example", 2);
    http.dns.nodes->Run(Seconds(120));
    ASSERT_EQ(http.records.size(), 2u);
    for (const auto& r : http.records)
    {
        EXPECT_EQ(r.outcome, HttpRequestRecord::Outcome::DNS_FAILED);
        EXPECT_EQ(HttpRequestRecord::OutcomeName(r.outcome), "dns-failed");
        EXPECT_EQ(r.detail, "DNS lookup of nowhere.example: nxdomain");
        EXPECT_TRUE(HttpRequestRecord::IsSet(r.dnsEnd));
        EXPECT_FALSE(HttpRequestRecord::IsSet(r.connectCalled)) << "no connection was opened";
    }
    EXPECT_EQ(http.dns.resolver->GetQueriesSent(), 2u) << "a failure is not cached: each request asks";
    EXPECT_EQ(PcapChecker::Lines(http.dns.nodes->ClientPcap(), "-Y tcp").size(), 0u) << "not one TCP segment";
    EXPECT_EQ(PcapChecker::Lines(http.dns.nodes->ClientPcap(), "-Y dns").size(), 4u)
        << "the capture decodes: two queries and their NXDOMAIN answers";
}

TEST(Dns, ADeadDnsServerFailsTheRequestAfterTenSeconds)
{
    HttpOverDns http("dns-http-dead", "server0.example", 1, false);
    http.dns.nodes->Run(Seconds(120));
    ASSERT_EQ(http.records.size(), 1u);
    EXPECT_EQ(http.records[0].outcome, HttpRequestRecord::Outcome::DNS_FAILED);
    EXPECT_EQ(http.records[0].dnsEnd - http.records[0].dnsStart, Seconds(10));
    EXPECT_EQ(http.records[0].detail, "DNS lookup of server0.example: timeout");
}
