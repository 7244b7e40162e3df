/*
 * A progress line on stderr for runs longer than a few seconds of wall time: simulated time, % done
 * and connections done. Wall-clock time only decides whether and when to print; it never changes
 * what is simulated, so runs stay reproducible.
 */
#ifndef HANDSHAKE_PROGRESS_REPORTER_H
#define HANDSHAKE_PROGRESS_REPORTER_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>

namespace ns3
{

class ProgressReporter
{
  public:
    /** Returns {connections done, connections expected}. */
    using Counter = std::function<std::pair<uint64_t, uint64_t>()>;

    /**
     * \param counter how much work is done
     * \param quietFor print nothing before this much wall time has passed (short runs stay quiet)
     * \param interval wall time between two lines
     * \param out where the line goes (stderr by default)
     */
    ProgressReporter(Counter counter,
                     std::chrono::milliseconds quietFor = std::chrono::seconds(3),
                     std::chrono::milliseconds interval = std::chrono::seconds(1),
                     std::ostream* out = nullptr);
    ~ProgressReporter();

    /** Starts checking every \p step of simulated time. */
    void Start(Time step = MilliSeconds(100));
    /** Prints the final line if any line was printed, and stops. */
    void Stop();

  private:
    void Check();
    void Print();

    Counter m_counter;
    std::chrono::milliseconds m_quietFor;
    std::chrono::milliseconds m_interval;
    std::ostream* m_out;
    Time m_step;
    EventId m_event;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_lastPrint;
    bool m_printed{false};
};

} // namespace ns3

#endif // HANDSHAKE_PROGRESS_REPORTER_H
