/*
 * MakeEnumAccessorOf<T>(...): ns-3's MakeEnumAccessor for an enum Attribute of type T, on every
 * ns-3 the module builds with (README, "Supported ns-3"). ns-3 3.37's MakeEnumAccessor deduces
 * everything from its arguments; later ns-3 (EnumValue<T>, ns-3.41 on) wants T given explicitly
 * and cannot deduce it. Whichever form this ns-3 accepts is the one called.
 */
#ifndef HANDSHAKE_ENUM_ACCESSOR_H
#define HANDSHAKE_ENUM_ACCESSOR_H

#include "ns3/enum.h"

#include <type_traits>
#include <utility>

namespace ns3
{

namespace enum_accessor_detail
{

template <typename T, typename Void, typename... Args>
struct WantsType : std::false_type
{
};

template <typename T, typename... Args>
struct WantsType<T, std::void_t<decltype(MakeEnumAccessor<T>(std::declval<Args>()...))>, Args...>
    : std::true_type
{
};

} // namespace enum_accessor_detail

template <typename T, typename... Args>
Ptr<const AttributeAccessor>
MakeEnumAccessorOf(Args... args)
{
    if constexpr (enum_accessor_detail::WantsType<T, void, Args...>::value)
    {
        return MakeEnumAccessor<T>(args...);
    }
    else
    {
        return MakeEnumAccessor(args...);
    }
}

} // namespace ns3

#endif // HANDSHAKE_ENUM_ACCESSOR_H
