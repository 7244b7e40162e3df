// DnsWire: DNS messages built and parsed by ldns match RFC 1035's wire format byte for byte, and
// whatever is not a query or answer the module takes is an error line, never a crash.
#include "ns3/dns-wire.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** RFC 1035 4.1: an A query for server0.example, ID 0x1234, recursion desired. Written by hand. */
const std::vector<uint8_t> QUERY_BYTES{
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // header: RD, QDCOUNT 1
    7, 's', 'e', 'r', 'v', 'e', 'r', '0', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, // QNAME
    0x00, 0x01, 0x00, 0x01, // QTYPE A, QCLASS IN
};

} // namespace

TEST(DnsWire, AQueryIsRfc1035sBytes)
{
    EXPECT_EQ(DnsWire::Encode(DnsMessage::Query(0x1234, "Server0.Example.")), QUERY_BYTES);
    DnsMessage parsed;
    ASSERT_EQ(DnsWire::Decode(QUERY_BYTES.data(), QUERY_BYTES.size(), parsed), "");
    EXPECT_EQ(parsed.id, 0x1234);
    EXPECT_FALSE(parsed.response);
    EXPECT_TRUE(parsed.recursionDesired);
    EXPECT_EQ(parsed.questionName, "server0.example");
    EXPECT_EQ(parsed.questionType, DnsMessage::TYPE_A);
    EXPECT_EQ(parsed.questionClass, DnsMessage::CLASS_IN);
    EXPECT_TRUE(parsed.answers.empty());
}

TEST(DnsWire, AnAnswerCarriesItsAddressAndTtlInNetworkOrder)
{
    DnsMessage answer = DnsMessage::Query(7, "server1.example");
    answer.response = true;
    answer.authoritative = true;
    answer.answers.push_back({"server1.example", 300, 0xc0a80102}); // 192.168.1.2
    std::vector<uint8_t> wire = DnsWire::Encode(answer);
    // Header, question (name 17 + 4), answer: its name a pointer to the question's (RFC 1035 4.1.4),
    // type, class, TTL, RDLENGTH, address.
    ASSERT_EQ(wire.size(), 12u + 21u + 16u);
    EXPECT_EQ(wire[2], 0x85) << "QR, AA, RD";
    EXPECT_EQ(wire[7], 1) << "ANCOUNT 1";
    EXPECT_EQ(wire[33], 0xc0) << "a compressed name";
    EXPECT_EQ(wire[34], 12) << "pointing at the question's name";
    // The answer's last 10 bytes: TTL 300, RDLENGTH 4, the address (RFC 1035 3.2.1, 3.4.1).
    std::vector<uint8_t> tail(wire.end() - 10, wire.end());
    EXPECT_EQ(tail, (std::vector<uint8_t>{0, 0, 0x01, 0x2c, 0, 4, 192, 168, 1, 2}));
    DnsMessage parsed;
    ASSERT_EQ(DnsWire::Decode(wire.data(), wire.size(), parsed), "");
    EXPECT_TRUE(parsed.response);
    EXPECT_TRUE(parsed.authoritative);
    ASSERT_EQ(parsed.answers.size(), 1u);
    EXPECT_EQ(parsed.answers[0].name, "server1.example");
    EXPECT_EQ(parsed.answers[0].ttl, 300u);
    EXPECT_EQ(parsed.answers[0].address, 0xc0a80102u);
}

TEST(DnsWire, NxDomainKeepsItsRcode)
{
    DnsMessage answer = DnsMessage::Query(9, "nowhere.example");
    answer.response = true;
    answer.rcode = DnsMessage::NXDOMAIN;
    std::vector<uint8_t> wire = DnsWire::Encode(answer);
    EXPECT_EQ(wire[3] & 0x0f, 3) << "RCODE in the header's low bits";
    DnsMessage parsed;
    ASSERT_EQ(DnsWire::Decode(wire.data(), wire.size(), parsed), "");
    EXPECT_EQ(parsed.rcode, DnsMessage::NXDOMAIN);
}

TEST(DnsWire, WhatIsNotAQueryWeTakeIsAnErrorLine)
{
    DnsMessage parsed;
    const uint8_t garbage[] = {0x00, 0x01, 0x02};
    EXPECT_NE(DnsWire::Decode(garbage, sizeof(garbage), parsed).find("not a DNS message"), std::string::npos);
    EXPECT_NE(DnsWire::Decode(nullptr, 0, parsed), "");
    // A name's label length running past the end.
    std::vector<uint8_t> truncated(QUERY_BYTES.begin(), QUERY_BYTES.begin() + 20);
    EXPECT_NE(DnsWire::Decode(truncated.data(), truncated.size(), parsed), "");
    // QDCOUNT 0: nothing to answer.
    std::vector<uint8_t> noQuestion(QUERY_BYTES.begin(), QUERY_BYTES.begin() + 12);
    noQuestion[5] = 0;
    EXPECT_EQ(DnsWire::Decode(noQuestion.data(), noQuestion.size(), parsed),
              "a DNS message with 0 questions (one is taken)");
}

TEST(DnsWire, NamesAreCheckedAndKeptCanonical)
{
    EXPECT_EQ(DnsWire::CanonicalName("WWW.Example.COM."), "www.example.com");
    EXPECT_TRUE(DnsWire::IsValidName("server0.example"));
    EXPECT_FALSE(DnsWire::IsValidName(""));
    EXPECT_FALSE(DnsWire::IsValidName(std::string(64, 'a') + ".example")) << "a label of 64 bytes";
    std::string error;
    EXPECT_TRUE(DnsWire::Encode(DnsMessage::Query(1, std::string(300, 'a')), &error).empty());
    EXPECT_NE(error, "");
}
