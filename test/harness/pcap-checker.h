/*
 * The reusable pcap checker of the test harness: runs tshark (a dissector nobody here wrote) on a
 * capture, with IPv4 and TCP checksum validation on, and returns every packet as decoded fields.
 */
#ifndef HANDSHAKE_TEST_PCAP_CHECKER_H
#define HANDSHAKE_TEST_PCAP_CHECKER_H

#include "decoded-packet.h"

#include <string>
#include <vector>

namespace handshake::test
{

class PcapChecker
{
  public:
    struct Result
    {
        std::vector<DecodedPacket> packets;
        std::string error; //!< empty when tshark ran and its output parsed
    };

    /**
     * Decodes \p pcapPath. \p httpPorts are dissected as HTTP in addition to tshark's defaults
     * (port 80 and friends already are).
     */
    static Result Decode(const std::string& pcapPath, const std::vector<uint16_t>& httpPorts = {});

    /** Parses tshark's tab-separated output for the fields Decode asks for (exposed for tests). */
    static Result ParseFields(const std::string& tsharkOutput);

    /** The tshark command line Decode runs (without the output redirection). */
    static std::string Command(const std::string& pcapPath, const std::vector<uint16_t>& httpPorts);

    /**
     * tshark's output lines for \p pcapPath with \p arguments (a display filter, -T fields -e ...,
     * -o options), each without its newline; stderr is dropped. Empty when tshark cannot run.
     */
    static std::vector<std::string> Lines(const std::string& pcapPath, const std::string& arguments);

  private:
    /** What \p command writes on its standard output; \p status gets pclose's (-1: not run). */
    static std::string Output(const std::string& command, int* status);
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_PCAP_CHECKER_H
