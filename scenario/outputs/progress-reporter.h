/*
 * A progress line on stderr for runs longer than a few seconds of wall time: simulated time, what
 * the run is doing or waiting for (the caller's words, e.g. RunEndRule::Progress) and wall time.
 * Wall-clock time only decides whether and when to print; it never changes what is simulated, so
 * runs stay reproducible.
 */
#ifndef HANDSHAKE_PROGRESS_REPORTER_H
#define HANDSHAKE_PROGRESS_REPORTER_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace ns3
{

class ProgressReporter
{
  public:
    /** Says where the run is: "12/150 requests have an outcome (8%)". */
    using Status = std::function<std::string()>;

    /**
     * \param status where the run is, asked at each line
     * \param quietFor print nothing before this much wall time has passed (short runs stay quiet)
     * \param interval wall time between two lines
     * \param out where the line goes (stderr by default)
     */
    ProgressReporter(Status status,
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

    Status m_status;
    std::chrono::milliseconds m_quietFor;
    std::chrono::milliseconds m_interval;
    std::ostream* m_out;
    Time m_step;
    EventId m_event;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_lastPrint;
    bool m_printed{false};
    size_t m_lastLength{0}; //!< of the line printed last, which the next one overwrites
};

} // namespace ns3

#endif // HANDSHAKE_PROGRESS_REPORTER_H
