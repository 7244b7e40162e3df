/*
 * The command-line flags of handshake-emu (doc/emulation.rst), parsed by FlagSet like
 * handshake-sim's and validated before anything is opened or written: an invalid flag yields one
 * line that names it ("--flag: what is wrong").
 *
 * --mode says who is on the Linux side of the tap: linux-client (a Linux client fetches from our
 * HTTP server) or linux-server (our HTTP clients fetch from a Linux server). --write-body=FILE
 * needs no mode: the program only writes that file; the other flags are still checked, the tap's
 * addresses are not.
 */
#ifndef HANDSHAKE_EMULATION_OPTIONS_H
#define HANDSHAKE_EMULATION_OPTIONS_H

#include "ns3/flag-set.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/** Validated settings of one handshake-emu run. */
class EmulationOptions
{
  public:
    // The flags' text (their defaults are those --PrintHelp shows).
    std::string mode;
    std::string tap{"hs-tap"};
    std::string tcp{"handshake"};
    std::string delayText{"5"}; //!< ms, one way, on the access link
    std::string lossText{"0"};
    std::string lossModel{"random"};
    std::string bottleneckDelayText{"1ms"};
    bool persistent{false};
    /** ns3::TcpSocket::SegmentSize as given; after Parse, the TCP's default when not given. */
    std::string mssText;
    std::string outDir{"out-emu"};
    std::string readyFile; //!< --ready: written once the device runs (empty: none)
    std::string writeBody; //!< --write-body: write the body to this file and exit (empty: run)

    // Validated values.
    bool ours{true}; //!< --tcp=handshake
    double delayMs{5};
    double loss{0};
    uint32_t clients{1};
    uint32_t requests{1};
    uint64_t size{1024};
    uint16_t port{80};
    uint16_t remotePort{8080};
    uint32_t mss{0};
    Time bottleneckDelay;
    Time msl;
    Time duration;
    Ipv4Address gateway; //!< our end of the tap (--gateway-address's address)
    uint8_t prefixLength{24};
    Ipv4Address linuxAddress;

    EmulationOptions();
    /** Not copied: the flags are bound to this object's members. */
    EmulationOptions(const EmulationOptions&) = delete;
    EmulationOptions& operator=(const EmulationOptions&) = delete;

    /**
     * Parses argv (FlagSet: ns-3's CommandLine, so that --PrintHelp, --RngRun and ns-3 attributes
     * work) and validates every value. Once per object. Returns an empty string on success, else
     * "--flag: what is wrong".
     */
    std::string Parse(int argc, char* argv[]);

    /** --mode=linux-client: the gateway is client 0 and our HTTP server serves the Linux client. */
    bool IsLinuxClient() const;

  private:
    std::string Validate();
    /** The whole-number flags, in their order of checking. */
    std::string ValidateCounts();
    /** --gateway-address and --linux-address, with the mode's defaults. */
    std::string ValidateAddresses();

    // The text of the whole-number flags and the addresses, until validated.
    std::string m_clientsText{"1"};
    std::string m_requestsText{"1"};
    std::string m_sizeText{"1024"};
    std::string m_portText{"80"};
    std::string m_remotePortText{"8080"};
    std::string m_gatewayText;
    std::string m_linuxText;
    std::string m_mslText{"1s"};
    std::string m_durationText{"120s"};
    FlagSet m_flags;
};

} // namespace ns3

#endif // HANDSHAKE_EMULATION_OPTIONS_H
