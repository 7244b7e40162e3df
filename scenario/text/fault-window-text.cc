#include "fault-window-text.h"

#include "ns3/attribute-text.h"

#include <sstream>

namespace ns3
{

namespace
{

/** Splits \p text at \p separator (empty parts kept). */
std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator))
    {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

/** One window, "TARGET@START+DURATION". */
std::string
ParseWindow(const std::string& text,
            const std::string& form,
            const FaultWindowText::TargetParser& parseTarget,
            FaultWindowText::Window* window)
{
    auto at = text.find('@');
    auto plus = text.find('+', at == std::string::npos ? 0 : at);
    if (at == std::string::npos || plus == std::string::npos)
    {
        return "'" + text + "' is not " + form;
    }
    std::string problem = parseTarget(text.substr(0, at), &window->target);
    if (!problem.empty())
    {
        return problem;
    }
    std::string start = text.substr(at + 1, plus - at - 1);
    std::string duration = text.substr(plus + 1);
    if (!AttributeText::ParseNonNegativeTime(start, &window->start))
    {
        return "'" + start + "' is not a start time such as 5s";
    }
    if (!AttributeText::ParseNonNegativeTime(duration, &window->duration) ||
        window->duration.IsZero())
    {
        return "'" + duration + "' is not a positive duration such as 10s";
    }
    return "";
}

} // namespace

std::string
FaultWindowText::Parse(const std::string& text,
                       const std::string& form,
                       const TargetParser& parseTarget,
                       std::vector<Window>* windows)
{
    windows->clear();
    if (text.empty())
    {
        return "";
    }
    for (const std::string& part : Split(text, ','))
    {
        Window window;
        std::string problem = ParseWindow(part, form, parseTarget, &window);
        for (const Window& other : *windows)
        {
            bool overlap = window.start < other.start + other.duration &&
                           other.start < window.start + window.duration;
            if (problem.empty() && window.target == other.target && overlap)
            {
                problem = "'" + part + "' overlaps an earlier fault of " +
                          part.substr(0, part.find('@'));
            }
        }
        if (!problem.empty())
        {
            windows->clear();
            return problem;
        }
        windows->push_back(window);
    }
    return "";
}

std::string
FaultWindowText::ParseIndexed(const std::string& target,
                              const std::string& kind,
                              uint32_t count,
                              const std::string& expected,
                              uint32_t* id)
{
    const std::string prefix = kind + ":";
    if (target.rfind(prefix, 0) != 0 || target.size() == prefix.size() ||
        target.size() > prefix.size() + 9 ||
        target.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
    {
        return "'" + target + "' is not " + expected;
    }
    uint32_t index = static_cast<uint32_t>(std::stoul(target.substr(prefix.size())));
    if (index >= count)
    {
        return "'" + target + "': there are " + kind + "s 0.." + std::to_string(count - 1);
    }
    *id = index;
    return "";
}

} // namespace ns3
