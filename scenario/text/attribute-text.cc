#include "attribute-text.h"

#include "ns3/distribution-flag.h"

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/object-base.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <vector>

namespace ns3
{

namespace
{

bool
IsWholeNumber(const std::string& text, bool allowSign)
{
    size_t start = (allowSign && !text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    return text.size() > start && text.size() <= start + 20 &&
           std::all_of(text.begin() + start, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/**
 * A number with an optional unit whose value fits ns-3's Time: 64-bit nanoseconds reach about
 * 292 years, and a larger value (1e30s) wraps around silently (issue 23).
 */
bool
IsTime(const std::string& text)
{
    static const std::vector<std::pair<std::string, double>> units = {
        {"s", 1},     {"ms", 1e-3}, {"us", 1e-6},    {"ns", 1e-9},       {"ps", 1e-12},
        {"fs", 1e-15}, {"min", 60},  {"h", 3600}, {"d", 86400}, {"y", 365 * 86400.0}};
    constexpr double MAX_SECONDS = 9.2e9; // just under 2^63 ns
    auto unitStart = text.find_first_not_of("+-0123456789.eE");
    auto number = DistributionFlag::ParseNumber(text.substr(0, unitStart));
    double secondsPerUnit = unitStart == std::string::npos ? 1 : 0; // bare seconds; 0: no unit
    for (const auto& [unit, factor] : units)
    {
        if (unitStart != std::string::npos && text.substr(unitStart) == unit)
        {
            secondsPerUnit = factor;
        }
    }
    return number && secondsPerUnit > 0 && std::abs(*number * secondsPerUnit) <= MAX_SECONDS;
}

/** False where ns-3 would abort on \p text for a value of type \p typeName. */
bool
IsWellFormed(const std::string& typeName, const std::string& text)
{
    if (typeName == "ns3::UintegerValue")
    {
        return IsWholeNumber(text, false);
    }
    if (typeName == "ns3::IntegerValue")
    {
        return IsWholeNumber(text, true);
    }
    if (typeName == "ns3::DoubleValue")
    {
        return DistributionFlag::ParseNumber(text).has_value();
    }
    if (typeName == "ns3::TimeValue")
    {
        return IsTime(text);
    }
    if (typeName == "ns3::BooleanValue")
    {
        return text == "true" || text == "false" || text == "1" || text == "0";
    }
    // Other types (strings, enums, data rates, addresses, object factories) fail without aborting.
    return true;
}

} // namespace

Ptr<AttributeValue>
AttributeText::Parse(Ptr<const AttributeChecker> checker, const std::string& text)
{
    if (!checker || !IsWellFormed(checker->GetValueTypeName(), text))
    {
        return nullptr;
    }
    return checker->CreateValidValue(StringValue(text));
}

bool
AttributeText::ParseNonNegativeTime(const std::string& text, Time* out)
{
    Ptr<AttributeValue> value = Parse(MakeTimeChecker(), text);
    if (!value || DynamicCast<TimeValue>(value)->Get().IsStrictlyNegative())
    {
        return false;
    }
    *out = DynamicCast<TimeValue>(value)->Get();
    return true;
}

std::string
AttributeText::SetDefault(const std::string& path, const std::string& text)
{
    auto split = path.rfind("::");
    TypeId tid;
    TypeId::AttributeInformation info;
    if (split == std::string::npos || !TypeId::LookupByNameFailSafe(path.substr(0, split), &tid) ||
        !tid.LookupAttributeByName(path.substr(split + 2), &info))
    {
        return "unknown attribute '" + path + "'";
    }
    Ptr<AttributeValue> value = Parse(info.checker, text);
    if (!value || !Config::SetDefaultFailSafe(path, *value))
    {
        return "invalid value '" + text + "' for " + path;
    }
    return "";
}

std::string
AttributeText::BindGlobal(const std::string& name, const std::string& text)
{
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        if ((*it)->GetName() == name)
        {
            Ptr<AttributeValue> value = Parse((*it)->GetChecker(), text);
            if (!value || !(*it)->SetValue(*value))
            {
                return "invalid value '" + text + "' for " + name;
            }
            return "";
        }
    }
    return "unknown global value '" + name + "'";
}

std::string
AttributeText::Readable(const ObjectBase& object, const std::string& attribute)
{
    TimeValue time;
    if (object.GetAttributeFailSafe(attribute, time))
    {
        int64_t ns = time.Get().GetNanoSeconds();
        const std::pair<int64_t, const char*> units[] = {{1000000000, "s"}, {1000000, "ms"}, {1000, "us"}};
        for (const auto& [size, unit] : units)
        {
            if (ns != 0 && ns % size == 0)
            {
                return std::to_string(ns / size) + unit;
            }
        }
        return std::to_string(ns) + (ns == 0 ? "s" : "ns");
    }
    DoubleValue number;
    if (object.GetAttributeFailSafe(attribute, number))
    {
        // The shortest text that reads back as the same double.
        for (int digits = 1;; ++digits)
        {
            std::ostringstream text;
            text << std::setprecision(digits) << number.Get();
            if (digits >= 17 || std::stod(text.str()) == number.Get())
            {
                return text.str();
            }
        }
    }
    StringValue text;
    object.GetAttribute(attribute, text);
    return text.Get();
}

} // namespace ns3
