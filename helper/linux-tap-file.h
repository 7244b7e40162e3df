/*
 * Opens an existing Linux tap interface as a file descriptor (issue [emulation]): the frames the
 * kernel sends out of the interface are read from it, and frames written to it arrive at the kernel
 * as if received on that interface. ns-3's FdNetDevice wraps such a descriptor.
 *
 * Why not ns-3's own helpers: Debian's ns-3 3.37 TapBridge and TapFdNetDeviceHelper run a creator
 * binary from a build-time path that does not exist on Debian (the binary is
 * /usr/libexec/ns3/ns3.37-tap-creator), and they create and configure the interface themselves.
 * Here the interface is created and configured beforehand (scripts/emu: `ip tuntap add`, address,
 * MTU, offloads) in the network namespace the program runs in, and only attached here.
 */
#ifndef HANDSHAKE_LINUX_TAP_FILE_H
#define HANDSHAKE_LINUX_TAP_FILE_H

#include <string>

namespace ns3
{

class LinuxTapFile
{
  public:
    /**
     * Attaches to the tap interface \p name of the calling process's network namespace (it must
     * exist; a persistent tap made by `ip tuntap add NAME mode tap`), as Ethernet frames without
     * the 4-byte packet information header (IFF_TAP | IFF_NO_PI). Returns the descriptor, or -1
     * with \p error saying why (no /dev/net/tun, not permitted, no such tap).
     */
    static int Open(const std::string& name, std::string* error);

    /** The interface's MTU as the kernel has it, or -1 with \p error. */
    static int Mtu(const std::string& name, std::string* error);

    /**
     * As Open, for the tap \p name of another network namespace: \p netns is its file
     * (/run/netns/NAME, as `ip netns add` makes it). The calling thread enters that namespace
     * (setns), opens the tap and reads its MTU into \p mtu, and returns to its own namespace; the
     * descriptor keeps working from there. Lets one program join taps of two namespaces
     * (scripts/linux-ref: a Linux client and a Linux server, each in its own). Call it before
     * any thread that should stay in the caller's namespace is started.
     */
    static int OpenIn(const std::string& netns,
                      const std::string& name,
                      int* mtu,
                      std::string* error);
};

} // namespace ns3

#endif // HANDSHAKE_LINUX_TAP_FILE_H
