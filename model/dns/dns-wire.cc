#include "dns-wire.h"

#include <ldns/ldns.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace ns3
{

namespace
{

// ldns hands out C objects that its own functions free; these hold them for one scope.
struct PacketFree
{
    void operator()(ldns_pkt* packet) const
    {
        ldns_pkt_free(packet);
    }
};

struct RdfFree
{
    void operator()(ldns_rdf* rdf) const
    {
        ldns_rdf_deep_free(rdf);
    }
};

using Packet = std::unique_ptr<ldns_pkt, PacketFree>;
using Rdf = std::unique_ptr<ldns_rdf, RdfFree>;

/** An owned ldns dname for \p name (absolute), or null when it is not a valid name. */
Rdf
DomainName(const std::string& name)
{
    std::string absolute = name.empty() || name.back() != '.' ? name + "." : name;
    return Rdf(ldns_dname_new_frm_str(absolute.c_str()));
}

/** The name \p rdf holds in presentation format (RFC 1035 5.1: a '.' or other special byte inside a
 *  label escaped), lower case, without the root's trailing dot ("" for the root itself). */
std::string
NameText(const ldns_rdf* rdf)
{
    char* text = ldns_rdf2str(rdf);
    std::string name = text ? text : "";
    std::free(text);
    if (!name.empty() && name.back() == '.')
    {
        name.pop_back(); // the root label, always last; an escaped "\." inside a label stays
    }
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name;
}

/** A question or answer record for \p name; null when the name is invalid. */
ldns_rr*
Record(const std::string& name, uint16_t type, uint16_t rrClass, bool question)
{
    Rdf owner = DomainName(name);
    if (!owner)
    {
        return nullptr;
    }
    ldns_rr* rr = ldns_rr_new();
    ldns_rr_set_owner(rr, owner.release());
    ldns_rr_set_type(rr, static_cast<ldns_rr_type>(type));
    ldns_rr_set_class(rr, static_cast<ldns_rr_class>(rrClass));
    ldns_rr_set_question(rr, question);
    return rr;
}

} // namespace

DnsMessage
DnsMessage::Query(uint16_t id, const std::string& name)
{
    DnsMessage query;
    query.id = id;
    query.questionName = DnsWire::CanonicalName(name);
    return query;
}

std::string
DnsWire::CanonicalName(const std::string& name)
{
    std::string canonical = name;
    if (!canonical.empty() && canonical.back() == '.')
    {
        canonical.pop_back();
    }
    std::transform(canonical.begin(), canonical.end(), canonical.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return canonical;
}

bool
DnsWire::IsValidName(const std::string& name)
{
    return !name.empty() && name != "." && DomainName(name) != nullptr;
}

std::vector<uint8_t>
DnsWire::Encode(const DnsMessage& message, std::string* error)
{
    auto fail = [error](const std::string& why) {
        if (error)
        {
            *error = why;
        }
        return std::vector<uint8_t>{};
    };
    Packet packet(ldns_pkt_new());
    ldns_pkt_set_id(packet.get(), message.id);
    ldns_pkt_set_qr(packet.get(), message.response);
    ldns_pkt_set_opcode(packet.get(), static_cast<ldns_pkt_opcode>(message.opcode));
    ldns_pkt_set_aa(packet.get(), message.authoritative);
    ldns_pkt_set_rd(packet.get(), message.recursionDesired);
    ldns_pkt_set_ra(packet.get(), message.recursionAvailable);
    ldns_pkt_set_rcode(packet.get(), message.rcode);
    ldns_rr* question = Record(message.questionName, message.questionType, message.questionClass, true);
    if (!question)
    {
        return fail("'" + message.questionName + "' is not a domain name");
    }
    ldns_pkt_push_rr(packet.get(), LDNS_SECTION_QUESTION, question);
    for (const DnsAnswer& answer : message.answers)
    {
        ldns_rr* rr = Record(answer.name, DnsMessage::TYPE_A, DnsMessage::CLASS_IN, false);
        if (!rr)
        {
            return fail("'" + answer.name + "' is not a domain name");
        }
        ldns_rr_set_ttl(rr, answer.ttl);
        // RFC 1035 3.4.1: the address in network byte order.
        uint8_t address[4] = {uint8_t(answer.address >> 24), uint8_t(answer.address >> 16),
                              uint8_t(answer.address >> 8), uint8_t(answer.address)};
        ldns_rr_push_rdf(rr, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_A, sizeof(address), address));
        ldns_pkt_push_rr(packet.get(), LDNS_SECTION_ANSWER, rr);
    }
    uint8_t* wire = nullptr;
    size_t size = 0;
    ldns_status status = ldns_pkt2wire(&wire, packet.get(), &size);
    if (status != LDNS_STATUS_OK)
    {
        std::free(wire);
        return fail(ldns_get_errorstr_by_id(status));
    }
    std::vector<uint8_t> bytes(wire, wire + size);
    std::free(wire);
    return bytes;
}

std::string
DnsWire::Decode(const uint8_t* data, size_t size, DnsMessage& message)
{
    ldns_pkt* parsed = nullptr;
    ldns_status status = ldns_wire2pkt(&parsed, data, size);
    Packet packet(parsed);
    if (status != LDNS_STATUS_OK || !packet)
    {
        return std::string("not a DNS message: ") + ldns_get_errorstr_by_id(status);
    }
    const ldns_rr_list* questions = ldns_pkt_question(packet.get());
    if (ldns_rr_list_rr_count(questions) != 1)
    {
        return "a DNS message with " + std::to_string(ldns_rr_list_rr_count(questions)) +
               " questions (one is taken)";
    }
    DnsMessage m;
    m.id = ldns_pkt_id(packet.get());
    m.response = ldns_pkt_qr(packet.get());
    m.opcode = static_cast<uint8_t>(ldns_pkt_get_opcode(packet.get()));
    m.authoritative = ldns_pkt_aa(packet.get());
    m.recursionDesired = ldns_pkt_rd(packet.get());
    m.recursionAvailable = ldns_pkt_ra(packet.get());
    m.rcode = ldns_pkt_get_rcode(packet.get());
    const ldns_rr* question = ldns_rr_list_rr(questions, 0);
    m.questionName = NameText(ldns_rr_owner(question));
    m.questionType = ldns_rr_get_type(question);
    m.questionClass = ldns_rr_get_class(question);
    const ldns_rr_list* answers = ldns_pkt_answer(packet.get());
    for (size_t i = 0; i < ldns_rr_list_rr_count(answers); ++i)
    {
        const ldns_rr* rr = ldns_rr_list_rr(answers, i);
        const ldns_rdf* rdata = ldns_rr_rd_count(rr) == 1 ? ldns_rr_rdf(rr, 0) : nullptr;
        if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_A || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
            !rdata || ldns_rdf_size(rdata) != 4)
        {
            return "an answer that is not an A record of class IN";
        }
        const uint8_t* a = ldns_rdf_data(rdata);
        m.answers.push_back({NameText(ldns_rr_owner(rr)), ldns_rr_ttl(rr),
                             uint32_t(a[0]) << 24 | uint32_t(a[1]) << 16 | uint32_t(a[2]) << 8 | a[3]});
    }
    message = m;
    return "";
}

} // namespace ns3
