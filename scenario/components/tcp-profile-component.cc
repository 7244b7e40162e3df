#include "tcp-profile-component.h"

#include "ns3/attribute-text.h"
#include "ns3/flag-set.h"
#include "ns3/handshake-tcp-socket.h"
#include "ns3/sim-options.h"

#include "ns3/string.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace ns3
{

namespace
{

/**
 * Sets our TCP's SynCookies default from --syn-cookies (off, overflow, always). A TCP built without
 * the attribute has no cookies: "off" is then what it does anyway, the others are errors.
 */
std::string
ApplySynCookies(const std::string& text, const std::string& tcp)
{
    if (text.empty())
    {
        return "";
    }
    const std::pair<const char*, const char*> names[] = {{"off", "Off"},
                                                         {"overflow", "OnOverflow"},
                                                         {"always", "Always"}};
    auto name = std::find_if(std::begin(names), std::end(names), [&](const auto& n) {
        return text == n.first;
    });
    if (name == std::end(names))
    {
        return "--syn-cookies: '" + text + "' is not one of off, overflow, always";
    }
    if (tcp != "handshake")
    {
        return "--syn-cookies: needs --tcp=handshake (stock ns-3 TCP has no SYN cookies)";
    }
    const std::string path = "ns3::HandshakeTcpSocket::SynCookies";
    TypeId::AttributeInformation info;
    if (!TypeId::LookupByName("ns3::HandshakeTcpSocket").LookupAttributeByName("SynCookies", &info))
    {
        return text == "off" ? "" : "--syn-cookies: this build of our TCP has no " + path;
    }
    std::string problem = AttributeText::SetDefault(path, name->second);
    return problem.empty() ? "" : "--syn-cookies: " + problem;
}

/** Sets our TCP's Profile default from --profile (linux, rfc); stock TCP has none to set. */
std::string
ApplyProfile(const std::string& text, const std::string& tcp)
{
    if (text != "linux" && text != "rfc")
    {
        return "--profile: '" + text + "' is not one of linux, rfc";
    }
    if (text == "linux")
    {
        return ""; // the default: left as shipped, so that nothing counts as set explicitly
    }
    if (tcp != "handshake")
    {
        return "--profile: needs --tcp=handshake (stock ns-3 TCP has its own defaults)";
    }
    std::string problem = AttributeText::SetDefault("ns3::HandshakeTcpSocket::Profile", "Rfc");
    return problem.empty() ? "" : "--profile: " + problem;
}

} // namespace

void
TcpProfileComponent::AddFlags(FlagSet& flags)
{
    flags.Add("syn-cookies",
              "SYN cookies of our TCP (RFC 4987 3.6): off, overflow (when the SYN queue is full) or "
              "always; default: the TCP's (--tcp=handshake only)",
              m_synCookies);
    flags.Add("profile",
              "our TCP's defaults: linux (Linux 6.x: SACK, timestamps, RACK-TLP, CUBIC, 200 ms "
              "minimum RTO, 60 s TIME_WAIT) or rfc (the RFCs' values: NewReno + RFC 6675, 1 s "
              "minimum RTO, 240 s TIME_WAIT); flags naming an attribute still win "
              "(--tcp=handshake only)",
              m_profile);
}

std::string
TcpProfileComponent::Validate(const SimOptions& options)
{
    m_ours = options.tcp == "handshake";
    std::string error = ApplyProfile(m_profile, options.tcp);
    return error.empty() ? ApplySynCookies(m_synCookies, options.tcp) : error;
}

void
TcpProfileComponent::AddReportParameters(Parameters& parameters) const
{
    if (!m_synCookies.empty())
    {
        parameters.emplace_back("syn-cookies", m_synCookies);
    }
    if (m_ours)
    {
        parameters.emplace_back("profile", m_profile);
    }
}

void
TcpProfileComponent::AddSettings(std::vector<SettingRecord>& settings) const
{
    if (!m_ours)
    {
        return;
    }
    // A socket made now takes the attribute defaults as the run's sockets will (Profile and any
    // --ns3:: default included); it draws no random number.
    Ptr<HandshakeTcpSocket> probe = CreateObject<HandshakeTcpSocket>();
    const std::string source = "profile " + m_profile;
    for (const std::string& name : HandshakeTcpSocket::SettingAttributes())
    {
        const std::string attribute = name.substr(name.rfind("::") + 2);
        const std::string ours = "ns3::HandshakeTcpSocket::" + attribute;
        bool given = std::any_of(settings.begin(), settings.end(), [&](const SettingRecord& s) {
            return s.name == name || s.name == ours;
        });
        if (given)
        {
            continue; // on the command line or in a config file: a row of its own already
        }
        settings.push_back({name, AttributeText::Readable(*probe, attribute), source});
    }
}

const std::string&
TcpProfileComponent::Profile() const
{
    return m_profile;
}

const std::string&
TcpProfileComponent::SynCookies() const
{
    return m_synCookies;
}

} // namespace ns3
