/*
 * Which devices of a topology get a pcap file (--pcap=all|servers|sample:K|none), and enabling it.
 * File names say which host and which device: clientN-access.pcap (client N's end of its access
 * link), serverN-link.pcap (server N's end of its link).
 */
#ifndef HANDSHAKE_CAPTURE_POLICY_H
#define HANDSHAKE_CAPTURE_POLICY_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class TopologyBuilder;

class CapturePolicy
{
  public:
    enum Kind
    {
        ALL,
        SERVERS,
        SAMPLE,
        NONE
    };

    Kind kind{ALL};
    uint32_t sampleClients{0}; //!< K in sample:K

    /** Parses "all", "servers", "sample:K" (K >= 1), "none"; returns an error text, empty if valid. */
    std::string Parse(const std::string& text);

    /**
     * The clients to capture among \p clients: all, none, or K chosen by a shuffle drawn from an
     * ns-3 random stream (the same RngRun picks the same clients). Sorted.
     */
    std::vector<uint32_t> ChooseClients(uint32_t clients) const;

    /** "client3-access.pcap": client \p index's capture, as Enable names it. */
    static std::string ClientFileName(uint32_t index);
    /** "server0-link.pcap": server \p index's capture. */
    static std::string ServerFileName(uint32_t index);
    /** Whether \p fileName is one Enable writes (clientN-access.pcap, serverN-link.pcap). */
    static bool IsCaptureFileName(const std::string& fileName);

    /**
     * Enables pcap on every server link and on the access links of \p clients (from ChooseClients)
     * of \p topology, into \p directory; returns the file paths. Nothing for NONE.
     */
    std::vector<std::string> Enable(const TopologyBuilder& topology,
                                    const std::string& directory,
                                    const std::vector<uint32_t>& clients) const;
};

} // namespace ns3

#endif // HANDSHAKE_CAPTURE_POLICY_H
