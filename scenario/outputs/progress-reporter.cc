#include "progress-reporter.h"

#include "ns3/simulator.h"

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ns3
{

ProgressReporter::ProgressReporter(Status status,
                                   std::chrono::milliseconds quietFor,
                                   std::chrono::milliseconds interval,
                                   std::ostream* out)
    : m_status(std::move(status)),
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
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    std::ostringstream line;
    line << "[progress] simulated " << std::fixed << std::setprecision(1) << Simulator::Now().GetSeconds()
         << " s, " << m_status() << ", wall " << std::setprecision(1) << wall << " s";
    std::string text = line.str();
    // Spaces over what is left of a longer previous line.
    size_t pad = m_lastLength > text.size() ? m_lastLength - text.size() : 0;
    m_lastLength = text.size();
    *m_out << "\r" << text << std::string(pad, ' ') << std::flush;
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
