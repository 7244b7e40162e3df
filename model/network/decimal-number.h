/*
 * Whole decimal numbers from user text (a --drop rule's client:N and #K, handshake-sim's counts):
 * digits only, no sign, no spaces, at most 10 digits, so nothing wraps around a 32-bit value.
 */
#ifndef HANDSHAKE_DECIMAL_NUMBER_H
#define HANDSHAKE_DECIMAL_NUMBER_H

#include <cstdint>
#include <string>

namespace ns3
{

/** \p text as a whole number in [minValue, maxValue] into \p out; false (out untouched) if not. */
bool ParseDecimalNumber(const std::string& text, uint64_t minValue, uint64_t maxValue, uint32_t* out);

} // namespace ns3

#endif
