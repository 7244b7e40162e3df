#include "ladder-selection.h"

#include "ns3/decimal-number.h"
#include "ns3/ladder-diagram.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ns3
{

namespace
{

const char* const KINDS[] = {"first", "slowest", "retransmitted", "reset", "timeout"};

} // namespace

LadderSelection::LadderSelection()
{
    Parse(DEFAULT);
}

std::string
LadderSelection::Parse(const std::string& text)
{
    std::vector<Selector> selectors;
    std::istringstream items(text);
    std::string item;
    while (std::getline(items, item, ','))
    {
        auto colon = item.find(':');
        std::string kind = item.substr(0, colon);
        std::string number = colon == std::string::npos ? "" : item.substr(colon + 1);
        uint32_t value = 1;
        if (kind == "conn")
        {
            if (!ParseDecimalNumber(number, 0, UINT32_MAX, &value))
            {
                return "'" + item + "': conn:ID takes a connection id (the connections table's id)";
            }
        }
        else if (kind == "outcomes" || kind == "none")
        {
            if (colon != std::string::npos)
            {
                return "'" + item + "': " + kind + " takes no number";
            }
        }
        else if (std::find(std::begin(KINDS), std::end(KINDS), kind) == std::end(KINDS))
        {
            return "'" + item + "' is not a selector: " + SYNTAX;
        }
        else if (colon != std::string::npos && !ParseDecimalNumber(number, 1, MAX_LADDERS, &value))
        {
            return "'" + item + "': N must be a whole number in 1.." + std::to_string(MAX_LADDERS);
        }
        if (kind != "none")
        {
            selectors.push_back({kind, value});
        }
    }
    if (text.empty() || text.back() == ',')
    {
        return "'" + text + "': " + SYNTAX;
    }
    m_selectors = selectors;
    return "";
}

std::vector<LadderSelection::Choice>
LadderSelection::Choose(const std::vector<ConnectionRecord>& connections,
                        const std::vector<SegmentRecord>& segments) const
{
    // Per recorded connection: its span (first to last segment) and its retransmissions, both sides.
    std::unordered_map<uint64_t, std::vector<SegmentRecord>> byConnection;
    for (const SegmentRecord& segment : segments)
    {
        byConnection[segment.connectionId].push_back(segment);
    }
    struct Candidate
    {
        const ConnectionRecord* connection;
        double span;
        size_t retransmissions;
        bool reset;
    };
    std::vector<Candidate> candidates; // by id
    for (const ConnectionRecord& connection : connections)
    {
        auto own = byConnection.find(connection.id);
        if (own == byConnection.end())
        {
            continue;
        }
        const std::vector<SegmentRecord>& s = own->second;
        std::vector<bool> again = LadderDiagram::Retransmissions(s);
        size_t retransmissions = std::count(again.begin(), again.end(), true);
        bool rst = std::any_of(s.begin(), s.end(),
                               [](const SegmentRecord& segment) { return segment.flags.find("RST") != std::string::npos; });
        candidates.push_back({&connection, s.back().time - s.front().time, retransmissions,
                              rst || connection.outcome == "reset"});
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.connection->id < b.connection->id; });

    std::vector<Choice> chosen;
    auto add = [&chosen](uint64_t id, const std::string& reason) {
        for (Choice& choice : chosen)
        {
            if (choice.id == id)
            {
                choice.reason += ", " + reason;
                return false;
            }
        }
        if (chosen.size() < MAX_LADDERS)
        {
            chosen.push_back({id, reason});
        }
        return true;
    };
    auto addBest = [&](uint64_t count, const std::string& reason, auto better, auto eligible) {
        std::vector<const Candidate*> order;
        for (const Candidate& c : candidates)
        {
            if (eligible(c))
            {
                order.push_back(&c);
            }
        }
        std::stable_sort(order.begin(), order.end(), [&](const Candidate* a, const Candidate* b) {
            return better(*a, *b);
        });
        for (size_t i = 0; i < order.size() && i < count; ++i)
        {
            add(order[i]->connection->id, reason);
        }
    };
    auto none = [](const Candidate&, const Candidate&) { return false; };
    for (const Selector& selector : m_selectors)
    {
        if (selector.kind == "first")
        {
            addBest(selector.number, "first", none, [](const Candidate&) { return true; });
        }
        else if (selector.kind == "slowest")
        {
            addBest(selector.number, "slowest",
                    [](const Candidate& a, const Candidate& b) { return a.span > b.span; },
                    [](const Candidate&) { return true; });
        }
        else if (selector.kind == "retransmitted")
        {
            addBest(selector.number, "most retransmissions",
                    [](const Candidate& a, const Candidate& b) { return a.retransmissions > b.retransmissions; },
                    [](const Candidate& c) { return c.retransmissions > 0; });
        }
        else if (selector.kind == "reset")
        {
            addBest(selector.number, "reset", none, [](const Candidate& c) { return c.reset; });
        }
        else if (selector.kind == "timeout")
        {
            addBest(selector.number, "timed out", none,
                    [](const Candidate& c) { return c.connection->outcome == "timeout"; });
        }
        else if (selector.kind == "outcomes")
        {
            std::unordered_set<std::string> shown;
            for (const Choice& choice : chosen)
            {
                for (const Candidate& c : candidates)
                {
                    if (c.connection->id == choice.id)
                    {
                        shown.insert(c.connection->outcome);
                    }
                }
            }
            for (const Candidate& c : candidates)
            {
                if (shown.insert(c.connection->outcome).second)
                {
                    add(c.connection->id, "outcome " + c.connection->outcome);
                }
            }
        }
        else if (selector.kind == "conn")
        {
            add(selector.number, "conn:" + std::to_string(selector.number));
        }
    }
    return chosen;
}

} // namespace ns3
