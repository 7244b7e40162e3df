#include "capture-policy.h"

#include "ns3/mpi-ranks.h"
#include "ns3/topology-builder.h"

#include "ns3/point-to-point-helper.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <numeric>
#include <regex>

namespace ns3
{

std::string
CapturePolicy::Parse(const std::string& text)
{
    const std::string samplePrefix = "sample:";
    if (text == "all" || text == "servers" || text == "none")
    {
        kind = text == "all" ? ALL : (text == "servers" ? SERVERS : NONE);
        return "";
    }
    std::string count = text.substr(std::min(text.size(), samplePrefix.size()));
    if (text.rfind(samplePrefix, 0) == 0 && !count.empty() && count.size() <= 9 &&
        std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        std::stoul(count) >= 1)
    {
        kind = SAMPLE;
        sampleClients = static_cast<uint32_t>(std::stoul(count));
        return "";
    }
    return "'" + text + "' is not one of all, servers, sample:K (K >= 1), none";
}

std::vector<uint32_t>
CapturePolicy::ChooseClients(uint32_t clients) const
{
    if (kind == NONE || kind == SERVERS)
    {
        return {};
    }
    std::vector<uint32_t> chosen(clients);
    std::iota(chosen.begin(), chosen.end(), 0);
    if (kind == SAMPLE && sampleClients < clients)
    {
        // A partial Fisher-Yates shuffle: K draws, whatever the number of clients.
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        for (uint32_t i = 0; i < sampleClients; ++i)
        {
            std::swap(chosen[i], chosen[pick->GetInteger(i, clients - 1)]);
        }
        chosen.resize(sampleClients);
        std::sort(chosen.begin(), chosen.end());
    }
    return chosen;
}

std::vector<std::string>
CapturePolicy::Enable(const TopologyBuilder& topology,
                      const std::string& directory,
                      const std::vector<uint32_t>& clients) const
{
    std::vector<std::string> files;
    if (kind == NONE)
    {
        return files;
    }
    PointToPointHelper pcap;
    auto capture = [&](Ptr<NetDevice> device, const std::string& name) {
        std::string path = directory + "/" + name;
        if (MpiRanks::IsLocal(device->GetNode()))
        {
            pcap.EnablePcap(path, device, true, true); // the rank that runs the host writes its file
        }
        files.push_back(path);
    };
    for (uint32_t j = 0; j < topology.GetServers().GetN(); ++j)
    {
        capture(topology.GetServerDevice(j), ServerFileName(j));
    }
    for (uint32_t i : clients)
    {
        capture(topology.GetClientDevice(i), ClientFileName(i));
    }
    return files;
}

std::string
CapturePolicy::ClientFileName(uint32_t index)
{
    return "client" + std::to_string(index) + "-access.pcap";
}

std::string
CapturePolicy::ServerFileName(uint32_t index)
{
    return "server" + std::to_string(index) + "-link.pcap";
}

bool
CapturePolicy::IsCaptureFileName(const std::string& fileName)
{
    static const std::regex name("(client[0-9]+-access|server[0-9]+-link)\\.pcap");
    return std::regex_match(fileName, name);
}

} // namespace ns3
