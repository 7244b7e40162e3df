#include "emulation-options.h"

#include "ns3/attribute-text.h"
#include "ns3/topology-address-plan.h"

#include "ns3/ipv4-address.h"

#include <sstream>
#include <vector>

namespace ns3
{

namespace
{

const char* const USAGE =
    "handshake-emu: Linux programs and simulated hosts (handshake's TCP and HTTP apps) in real "
    "time\n"
    "through a simulated path, joined by a tap. Usually run by scripts/emu, which makes the tap.\n"
    "--RngRun=N and --ns3::Type::Attribute=VALUE as in ns-3.";

/** True, with \p out set, when \p text is a decimal whole number in [minValue, maxValue]. */
bool
ParseUnsigned(const std::string& text, uint64_t minValue, uint64_t maxValue, uint64_t& out)
{
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    out = std::stoull(text);
    return out >= minValue && out <= maxValue;
}

/** True, with \p out set, when the whole of \p text is a number in [minValue, maxValue]. */
bool
ParseDouble(const std::string& text, double minValue, double maxValue, double& out)
{
    std::istringstream in(text);
    in >> out;
    return !text.empty() && in.eof() && !in.fail() && out >= minValue && out <= maxValue;
}

} // namespace

EmulationOptions::EmulationOptions()
{
    FlagSet& f = m_flags;
    f.Add("mode", "who is on the Linux side: linux-client or linux-server", mode);
    f.Add("tap", "existing tap in this network namespace", tap);
    f.Add("tcp", "TCP of the simulated hosts: handshake or ns3", tcp);
    f.Add("delay", "the access link's one-way delay in ms (both ways)", delayText);
    f.Add("loss", "the access link's packet loss probability", lossText);
    f.Add("loss-model", "random or gilbert-elliott", lossModel);
    f.Add("bottleneck-delay", "one-way delay of the bottleneck", bottleneckDelayText);
    f.Add("clients", "our HTTP clients (linux-server mode)", m_clientsText);
    f.Add("requests", "requests per client (linux-server mode)", m_requestsText);
    f.Add("size", "response bytes (GET /bytes/SIZE)", m_sizeText);
    f.AddSwitch("persistent", "keep connections open for the next request", persistent);
    f.Add("port", "our HTTP server's port (linux-client mode)", m_portText);
    f.Add("remote-port", "the Linux server's port (linux-server mode)", m_remotePortText);
    f.Add("gateway-address",
          "the tap's subnet, A/LEN [10.200.0.1/24 for linux-client; 192.168.200.1/24 for "
          "linux-server]",
          m_gatewayText);
    f.Add("linux-address",
          "the Linux side's address [10.200.0.2 for linux-client; 192.168.200.2 for linux-server]",
          m_linuxText);
    f.Add("mss",
          "ns3::TcpSocket::SegmentSize [1460 ours, 1448 stock: a 1500-byte packet]",
          mssText);
    f.Add("msl", "our TCP's MSL (TIME_WAIT lasts 2 MSL)", m_mslText);
    f.Add("duration",
          "longest run; SIGTERM/SIGINT end a run earlier (after a drain)",
          m_durationText);
    f.Add("out", "output folder", outDir);
    f.Add("ready", "file written once the device runs: server=, gateway=, route=", readyFile);
    f.Add("write-body", "write the body of GET /bytes/<size> to this file and exit", writeBody);
}

bool
EmulationOptions::IsLinuxClient() const
{
    return mode == "linux-client";
}

std::string
EmulationOptions::Parse(int argc, char* argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error = m_flags.Check(args);
    if (!error.empty())
    {
        return error;
    }
    m_flags.Parse(argv[0], USAGE, args);
    return Validate();
}

std::string
EmulationOptions::Validate()
{
    if (writeBody.empty() && mode != "linux-client" && mode != "linux-server")
    {
        return "--mode: '" + mode + "' is not one of linux-client, linux-server";
    }
    if (tcp != "handshake" && tcp != "ns3")
    {
        return "--tcp: '" + tcp + "' is not one of handshake, ns3";
    }
    ours = tcp == "handshake";
    if (mssText.empty())
    {
        // A full segment fills a 1500-byte packet: 40 bytes of IPv4 and TCP headers for our TCP,
        // which puts no options on data segments; 12 more for stock ns-3 TCP's timestamp option,
        // which its SegmentSize does not leave room for (doc/emulation.rst, "Segment sizes").
        mssText = ours ? "1460" : "1448";
    }
    std::string error = ValidateCounts();
    if (!error.empty())
    {
        return error;
    }
    if (!ParseDouble(delayText, 0, 10000, delayMs))
    {
        return "--delay: '" + delayText + "' is not a number of ms in [0, 10000]";
    }
    if (!ParseDouble(lossText, 0, 1, loss))
    {
        return "--loss: '" + lossText + "' is not a probability in [0, 1]";
    }

    struct TimeFlag
    {
        const char* name;
        const std::string& text;
        Time& value;
    };

    for (const TimeFlag& t : {TimeFlag{"bottleneck-delay", bottleneckDelayText, bottleneckDelay},
                              TimeFlag{"msl", m_mslText, msl},
                              TimeFlag{"duration", m_durationText, duration}})
    {
        if (!AttributeText::Parse(MakeTimeChecker(), t.text))
        {
            return std::string("--") + t.name + ": '" + t.text + "' is not a time (e.g. 2s, 10ms)";
        }
        t.value = Time(t.text);
    }
    if (lossModel != "random" && lossModel != "gilbert-elliott")
    {
        return "--loss-model: '" + lossModel + "' is not one of random, gilbert-elliott";
    }
    if (IsLinuxClient() && clients != 1)
    {
        return "--clients: linux-client mode has one simulated client (the gateway of the Linux "
               "one)";
    }
    return writeBody.empty() ? ValidateAddresses() : "";
}

std::string
EmulationOptions::ValidateCounts()
{
    struct Count
    {
        const char* name;
        const std::string& text;
        uint64_t minValue;
        uint64_t maxValue;
        uint64_t value;
    };

    Count counts[] = {{"clients", m_clientsText, 1, 1000, 0},
                      {"requests", m_requestsText, 1, 100000, 0},
                      {"size", m_sizeText, 0, uint64_t(1) << 32, 0},
                      {"port", m_portText, 1, 65535, 0},
                      {"remote-port", m_remotePortText, 1, 65535, 0},
                      {"mss", mssText, 88, 65495, 0}};
    for (Count& c : counts)
    {
        if (!ParseUnsigned(c.text, c.minValue, c.maxValue, c.value))
        {
            return std::string("--") + c.name + ": '" + c.text + "' is not a whole number in [" +
                   std::to_string(c.minValue) + ", " + std::to_string(c.maxValue) + "]";
        }
    }
    clients = static_cast<uint32_t>(counts[0].value);
    requests = static_cast<uint32_t>(counts[1].value);
    size = counts[2].value;
    port = static_cast<uint16_t>(counts[3].value);
    remotePort = static_cast<uint16_t>(counts[4].value);
    mss = static_cast<uint32_t>(counts[5].value);
    return "";
}

std::string
EmulationOptions::ValidateAddresses()
{
    const bool linuxClient = IsLinuxClient();
    std::string gw = m_gatewayText.empty() ? (linuxClient ? "10.200.0.1/24" : "192.168.200.1/24")
                                           : m_gatewayText;
    std::string lx =
        m_linuxText.empty() ? (linuxClient ? "10.200.0.2" : "192.168.200.2") : m_linuxText;
    auto slash = gw.find('/');
    uint64_t length = 0;
    if (slash == std::string::npos || !ParseUnsigned(gw.substr(slash + 1), 8, 30, length) ||
        !Ipv4Address::IsMatchingType(Ipv4Address(gw.substr(0, slash).c_str())))
    {
        return "--gateway-address: '" + gw + "' is not ADDRESS/LENGTH with LENGTH in [8, 30]";
    }
    gateway = Ipv4Address(gw.substr(0, slash).c_str());
    prefixLength = static_cast<uint8_t>(length);
    linuxAddress = Ipv4Address(lx.c_str());
    Ipv4Mask mask(("/" + std::to_string(length)).c_str());
    if (!mask.IsMatch(gateway, linuxAddress) || gateway == linuxAddress)
    {
        return "--linux-address: " + lx + " is not another address of " + gw;
    }
    // The subnet must lie inside the space the simulation routes towards the gateway's side
    // (TopologyAddressPlan), and outside the links the plan itself numbers there.
    uint32_t space =
        linuxClient ? TopologyAddressPlan::CLIENT_SPACE : TopologyAddressPlan::SERVER_SPACE;
    uint8_t spacePrefix =
        linuxClient ? TopologyAddressPlan::CLIENT_PREFIX : TopologyAddressPlan::SERVER_PREFIX;
    uint32_t network = gateway.Get() & mask.Get();
    uint32_t planned = 4 * (linuxClient ? clients : 1); // /30 per client link, or server 0's link
    if (!Ipv4Mask(("/" + std::to_string(spacePrefix)).c_str())
             .IsMatch(Ipv4Address(space), gateway) ||
        length <= spacePrefix || network < space + planned)
    {
        std::ostringstream error;
        error << "--gateway-address: " << gw << " must be a subnet of " << Ipv4Address(space) << "/"
              << int(spacePrefix) << " above the planned links (" << Ipv4Address(space) << " + "
              << planned << " addresses)";
        return error.str();
    }
    return "";
}

} // namespace ns3
