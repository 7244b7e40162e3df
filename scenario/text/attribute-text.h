/*
 * Turns user-typed text into an ns-3 AttributeValue without ever aborting. ns-3 3.37's
 * DeserializeFromString aborts the program (NS_ABORT_MSG_UNLESS(iss.eof())) on text such as "abc"
 * for an integer, so text is screened by type first and only well-formed text reaches it.
 */
#ifndef HANDSHAKE_ATTRIBUTE_TEXT_H
#define HANDSHAKE_ATTRIBUTE_TEXT_H

#include "ns3/attribute.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{

class AttributeText
{
  public:
    /** The value for \p text if \p checker accepts it, else null. Never aborts. */
    static Ptr<AttributeValue> Parse(Ptr<const AttributeChecker> checker, const std::string& text);

    /** True, with \p out set, when \p text is a time >= 0 in ns-3 units (12.5ms, 2s). Never aborts. */
    static bool ParseNonNegativeTime(const std::string& text, Time* out);

    /**
     * Sets a default from a command-line style "ns3::Type::Attribute" path, checking the path and
     * the value first. Returns an error text, empty on success.
     */
    static std::string SetDefault(const std::string& path, const std::string& text);

    /** Binds the GlobalValue \p name (RngRun, ChecksumEnabled, ...). Returns an error text. */
    static std::string BindGlobal(const std::string& name, const std::string& text);

    /**
     * \p object's Attribute \p attribute as text a user would type and SetDefault accepts: a time
     * in its largest whole unit ("200ms", not ns-3's "+2e+08ns"), a double in full ("0.6171875"),
     * anything else as ns-3 writes it.
     */
    static std::string Readable(const ObjectBase& object, const std::string& attribute);
};

} // namespace ns3

#endif // HANDSHAKE_ATTRIBUTE_TEXT_H
