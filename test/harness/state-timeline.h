// The states one side of a connection went through, as its TCP traced them (from, to, time), and
// the question the records' tests ask of it: could a figure or a row that shows "before -> after" at
// a time have seen those states then?
#ifndef HANDSHAKE_TEST_STATE_TIMELINE_H
#define HANDSHAKE_TEST_STATE_TIMELINE_H

#include <string>
#include <vector>

namespace handshake::test
{

class StateTimeline
{
  public:
    /** Transitions must come in the order they happened. */
    void Add(double time, const std::string& from, const std::string& to)
    {
        m_transitions.push_back({time, from, to});
    }

    /** The state held just before \p t - \p slack, then each state entered within \p slack of \p t. */
    std::vector<std::string> Held(double t, double slack) const
    {
        std::vector<std::string> held{m_transitions.empty() ? "CLOSED" : m_transitions.front().from};
        for (const auto& transition : m_transitions)
        {
            if (transition.time < t - slack)
            {
                held.front() = transition.to;
            }
            else if (transition.time <= t + slack)
            {
                held.push_back(transition.to);
            }
        }
        return held;
    }

    /** True when \p before then \p after (the same state, or a later one) were held around \p t. */
    bool Shows(double t, double slack, const std::string& before, const std::string& after) const
    {
        std::vector<std::string> held = Held(t, slack);
        for (size_t i = 0; i < held.size(); ++i)
        {
            for (size_t j = i; held[i] == before && j < held.size(); ++j)
            {
                if (held[j] == after)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** "t from->to, ..." around \p t, for failure messages. */
    std::string Around(double t, double slack) const
    {
        std::string text;
        for (const auto& transition : m_transitions)
        {
            if (transition.time >= t - slack - 0.5 && transition.time <= t + slack + 0.5)
            {
                text += std::to_string(transition.time) + " " + transition.from + "->" + transition.to + "; ";
            }
        }
        return text;
    }

    /** Empty if every transition starts where the one before ended, no earlier; else the first that does not. */
    std::string OrderError() const
    {
        for (size_t i = 1; i < m_transitions.size(); ++i)
        {
            const auto& a = m_transitions[i - 1];
            const auto& b = m_transitions[i];
            if (b.time < a.time || b.from != a.to)
            {
                return std::to_string(a.time) + " " + a.from + "->" + a.to + " then " +
                       std::to_string(b.time) + " " + b.from + "->" + b.to;
            }
        }
        return "";
    }

  private:
    struct Transition
    {
        double time;
        std::string from;
        std::string to;
    };
    std::vector<Transition> m_transitions;
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_STATE_TIMELINE_H
