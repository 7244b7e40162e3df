/*
 * One run of scripts/emu (a cell of the emulation matrix: direction x Linux program x size x loss x
 * TCP x who closes first) and what it left in its --out folder: emu.txt (key=value facts the
 * script recorded), our-tcp.txt (our TCP's states per connection), http.txt, linux-trace.txt (the
 * Linux kernel's TCP state changes and resets, when tracefs is available), tap.pcap, host.pcap.
 */
#ifndef HANDSHAKE_TEST_EMU_RUN_H
#define HANDSHAKE_TEST_EMU_RUN_H

#include <cstdint>
#include <string>
#include <vector>

namespace handshake::test
{

struct EmuCell
{
    std::string mode;             //!< linux-client or linux-server
    std::string client{"curl"};   //!< curl or ab (linux-client)
    std::string close{"linux"};   //!< linux or ours: the side expected to send the first FIN
    std::string tcp{"handshake"}; //!< handshake or ns3
    uint64_t size{1024};
    uint32_t requests{1};
    double loss{0};
    uint32_t rngRun{1};

    /** "linux-client_curl_1024B_loss0_handshake_close-linux_run1": also the output folder's name.
     */
    std::string Name() const;
};

class EmuRun
{
  public:
    /** Runs scripts/emu for \p cell with the handshake-emu binary under test. */
    static EmuRun Execute(const EmuCell& cell);

    int exitCode{-1}; //!< scripts/emu's: 0 ok, 1 a transfer failed, 77 cannot run here
    std::string dir;  //!< its --out folder
    std::string log;  //!< scripts/emu's own output

    /** The first value of \p key in emu.txt ("" if absent). */
    std::string Value(const std::string& key) const;
    /** Every value of \p key in emu.txt, in order. */
    std::vector<std::string> Values(const std::string& key) const;
    std::string File(const std::string& name) const;

    /** One connection of our TCP, from our-tcp.txt. */
    struct OurConnection
    {
        std::string local;
        std::string remote;
        std::vector<std::string> states;
        std::string outcome;
        uint32_t retransmissions{0};
    };

    std::vector<OurConnection> OurConnections() const;
    uint64_t OurBadChecksumDrops() const;

    /** One line of linux-trace.txt: a state change or, for resets and bad checksums, the event. */
    struct LinuxEvent
    {
        std::string event; //!< inet_sock_set_state, tcp_send_reset, tcp_receive_reset, tcp_bad_csum
        uint16_t sport{0};
        uint16_t dport{0};
        std::string oldState; //!< "TCP_ESTABLISHED" ...
        std::string newState;
    };

    std::vector<LinuxEvent> LinuxEvents() const;
    bool LinuxTraced() const; //!< linux-trace.txt exists (tracefs was available)
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_EMU_RUN_H
