/*
 * The text form shared by handshake-sim's fault flags (--link-down: LinkFaultPlan,
 * --server-restart: ServerRestartPlan): comma-separated TARGET@START+DURATION with ns-3 times,
 * e.g. "bottleneck@5s+10s,client:3@2s+500ms". What a TARGET names is the caller's business; two
 * windows of the same target may not overlap.
 */
#ifndef HANDSHAKE_FAULT_WINDOW_TEXT_H
#define HANDSHAKE_FAULT_WINDOW_TEXT_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

class FaultWindowText
{
  public:
    /** One TARGET@START+DURATION; \p target is the number the caller's TargetParser gave. */
    struct Window
    {
        uint32_t target{0};
        Time start;
        Time duration;
    };

    /** Turns a TARGET into a number: "" and \p id set, or an error text naming the target. */
    using TargetParser = std::function<std::string(const std::string& target, uint32_t* id)>;

    /**
     * Parses \p text (empty: no window) into \p windows, cleared first and left empty on error.
     * \p form is the shape errors show, e.g. "LINK@START+DURATION (e.g. bottleneck@5s+10s)".
     * Returns an error text naming the faulty part (one line), empty if valid.
     */
    static std::string Parse(const std::string& text,
                             const std::string& form,
                             const TargetParser& parseTarget,
                             std::vector<Window>* windows);

    /**
     * A target named KIND:N (N decimal, 1 to 9 digits) with N below \p count: "" and \p id = N.
     * Otherwise an error: "'TARGET' is not EXPECTED", or "'TARGET': there are KINDs 0..count-1".
     */
    static std::string ParseIndexed(const std::string& target,
                                    const std::string& kind,
                                    uint32_t count,
                                    const std::string& expected,
                                    uint32_t* id);
};

} // namespace ns3

#endif // HANDSHAKE_FAULT_WINDOW_TEXT_H
