#include "run-end-rule.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

RunEndRule::RunEndRule(Time limit, Time grace)
    : m_limit(limit),
      m_grace(grace)
{
}

void
RunEndRule::WorkDone(Time now)
{
    m_workDoneAt = now;
}

bool
RunEndRule::IsWorkDone() const
{
    return !m_workDoneAt.IsNegative();
}

Time
RunEndRule::Deadline() const
{
    return IsWorkDone() ? std::min(m_limit, m_workDoneAt + m_grace) : m_limit;
}

bool
RunEndRule::ShouldStop(Time now, uint64_t open)
{
    if (!IsWorkDone() || m_reason)
    {
        return false;
    }
    if (open == 0)
    {
        m_reason = "ended";
    }
    else if (now >= m_workDoneAt + m_grace)
    {
        m_reason = "grace";
    }
    return m_reason != nullptr;
}

void
RunEndRule::Stopped(Time now)
{
    m_stoppedAt = now;
    if (!m_reason)
    {
        m_reason = "limit";
    }
}

std::string
RunEndRule::Progress(uint64_t recorded, uint64_t expected, uint64_t open) const
{
    std::ostringstream os;
    os << std::fixed;
    if (!m_stoppedAt.IsNegative())
    {
        // The last line, after the run: how it ended.
        std::string reason = m_reason;
        os << (reason == "ended" ? "run ended: every request has its outcome, every connection has ended"
               : reason == "grace" ? "run ended after the teardown grace"
                                   : "run ended at the time limit");
        if (reason == "limit")
        {
            os << ", " << recorded << "/" << expected << " requests have an outcome";
        }
        if (reason != "ended")
        {
            os << ", " << open << (open == 1 ? " connection" : " connections") << " still open";
        }
        return os.str();
    }
    if (!IsWorkDone())
    {
        double percent = expected ? 100.0 * recorded / expected : 0.0;
        os << recorded << "/" << expected << " requests have an outcome (" << std::setprecision(0)
           << percent << "%)";
        return os.str();
    }
    os << "all " << recorded << " requests have an outcome; ";
    if (open == 0)
    {
        os << "every connection has ended";
        return os.str();
    }
    os << "waiting for " << open << (open == 1 ? " connection" : " connections")
       << " to end (until " << std::setprecision(1) << Deadline().GetSeconds() << " s at the latest)";
    return os.str();
}

RunEndRecord
RunEndRule::Record() const
{
    RunEndRecord record;
    record.reason = m_reason ? m_reason : "limit";
    record.time = m_stoppedAt.GetSeconds();
    record.limit = m_limit.GetSeconds();
    record.grace = m_grace.GetSeconds();
    if (IsWorkDone())
    {
        record.workDone = m_workDoneAt.GetSeconds();
    }
    return record;
}

} // namespace ns3
