#include "progress-reporter.h"

#include "ns3/simulator.h"

#include <cstdio>
#include <iomanip>
#include <iostream>

namespace ns3
{

ProgressReporter::ProgressReporter(Counter counter,
                                   std::chrono::milliseconds quietFor,
                                   std::chrono::milliseconds interval,
                                   std::ostream* out)
    : m_counter(std::move(counter)),
      m_quietFor(quietFor),
      m_interval(interval),
      m_out(out ? out : &std::cerr)
{
}

ProgressReporter::~ProgressReporter()
{
    m_event.Cancel();
}

void
ProgressReporter::Start(Time step)
{
    m_step = step;
    m_started = std::chrono::steady_clock::now();
    m_lastPrint = m_started;
    m_event = Simulator::Schedule(m_step, &ProgressReporter::Check, this);
}

void
ProgressReporter::Check()
{
    auto now = std::chrono::steady_clock::now();
    if (now - m_started >= m_quietFor && now - m_lastPrint >= m_interval)
    {
        m_lastPrint = now;
        Print();
    }
    m_event = Simulator::Schedule(m_step, &ProgressReporter::Check, this);
}

void
ProgressReporter::Print()
{
    auto [done, expected] = m_counter();
    double percent = expected ? 100.0 * done / expected : 0.0;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    *m_out << "\r[progress] simulated " << std::fixed << std::setprecision(1)
           << Simulator::Now().GetSeconds() << " s, " << std::setprecision(0) << percent << "% done, "
           << done << "/" << expected << " connections, wall " << std::setprecision(1) << wall
           << " s   " << std::flush;
    m_printed = true;
}

void
ProgressReporter::Stop()
{
    m_event.Cancel();
    if (m_printed)
    {
        Print();
        *m_out << std::endl;
    }
}

} // namespace ns3
