/*
 * Text inside the HTML and SVG that the outputs write (report.html: HtmlReport, LadderDiagram,
 * SvgHistogram). Its own file so that the figures do not depend on the page that holds them.
 */
#ifndef HANDSHAKE_HTML_TEXT_H
#define HANDSHAKE_HTML_TEXT_H

#include <string>

namespace ns3
{

/** \p text with &, <, >, " and ' replaced by character references: safe in text and attributes. */
std::string HtmlEscape(const std::string& text);

} // namespace ns3

#endif // HANDSHAKE_HTML_TEXT_H
