#include "decimal-number.h"

#include <algorithm>

namespace ns3
{

bool
ParseDecimalNumber(const std::string& text, uint64_t minValue, uint64_t maxValue, uint32_t* out)
{
    if (text.empty() || text.size() > 10 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return false;
    }
    uint64_t value = std::stoull(text);
    if (value < minValue || value > maxValue || value > UINT32_MAX)
    {
        return false;
    }
    *out = static_cast<uint32_t>(value);
    return true;
}

} // namespace ns3
