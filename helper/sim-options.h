/*
 * The command-line flags of handshake-sim (shared/DESIGN.md, "handshake-sim flags"), parsed and
 * validated before anything is written: an invalid flag yields a one-line error that names it.
 */
#ifndef HANDSHAKE_SIM_OPTIONS_H
#define HANDSHAKE_SIM_OPTIONS_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/** Which devices get a pcap file (--pcap=all|servers|sample:K|none). */
struct CapturePolicy
{
    enum Kind
    {
        ALL,
        SERVERS,
        SAMPLE,
        NONE
    };

    Kind kind{ALL};
    uint32_t sampleClients{0}; //!< K in sample:K
};

/** Validated settings of one handshake-sim run. */
class SimOptions
{
  public:
    uint32_t clients{3};
    uint32_t servers{1};
    std::string delayText{"ns3::UniformRandomVariable[Min=5|Max=50]"};
    std::string lossText{"0.01"};
    std::string sizeText{"20000"};
    std::string bottleneckRateText{"100Mbps"};
    std::string bottleneckDelayText{"5ms"};
    uint32_t requests{1};
    std::string tcp{"ns3"};
    std::string pcapText{"all"};
    std::string outDir{"out"};

    Ptr<RandomVariableStream> delayMs;   //!< per-client access one-way delay, ms
    Ptr<RandomVariableStream> lossRate;  //!< per-client access loss probability
    Ptr<RandomVariableStream> sizeBytes; //!< response bytes per connection
    DataRate bottleneckRate;
    Time bottleneckDelay;
    CapturePolicy capture;

    /** Largest --clients this addressing plan supports (one /30 per client in 10.1.0.0/16). */
    static constexpr uint32_t MAX_CLIENTS = 16384;

    /**
     * Parses argv with ns-3's CommandLine (so --PrintHelp, --RngRun and ns-3 attributes work) and
     * validates every value. Returns an empty string on success, else "--flag: what is wrong".
     */
    std::string Parse(int argc, char* argv[]);

  private:
    std::string CheckNames(const std::vector<std::string>& args) const;
    std::string Validate();
};

} // namespace ns3

#endif // HANDSHAKE_SIM_OPTIONS_H
