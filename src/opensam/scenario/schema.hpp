#pragma once
/// @file The scenario and library file formats, declared once. These tables drive
/// validation (unknown keys, units, ranges, defaults) and the format reference in docs/.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "opensam/core/units.hpp"

namespace opensam::scenario {

enum class FieldKind {
  kString,      ///< one line of text
  kId,          ///< an identifier: letters, digits, '_', '-', '.'
  kText,        ///< free text
  kInteger,     ///< a whole number from 0 to 2^64 - 1
  kBool,        ///< true or false
  kQuantity,    ///< a number with a unit of `dim`
  kPosition,    ///< "39.95N 32.69E" or [lat, lon] in degrees
  kAltitude,    ///< a length, then MSL (default) or AGL
  kChoice,      ///< one of `choices`
  kStringList,  ///< a list of strings
  kList,        ///< a list of `child` maps
  kFigure,      ///< a library figure: {value, source, estimate, note}
  kRcsTable,    ///< an RCS table by aspect and band (kRcsTableSection)
  kDbsmRows,    ///< a map from band letter to rows of dBsm numbers
  kMap,         ///< a nested map of `child`
};

struct Section;
struct Figure;

/// Library types: where a figure's value goes in the typed type being built (a SiteType or a
/// ThreatType, as its section says).
using FigureSetter = void (*)(void* type, const Figure& figure);
/// The same for a choice, given by its name (checked against `choices` first).
using ChoiceSetter = void (*)(void* type, std::string_view name);
/// Parameter sections (a plain struct of SI values): the value a key has in its struct.
using ValueGetter = double (*)(const void* target);

/// One key of a YAML map.
struct FieldSpec {
  std::string_view key;
  FieldKind kind;
  std::string_view doc;
  bool required = false;
  std::string_view default_text = {};  ///< parsed like user input; empty = no default
  core::Dimension dim = core::Dimension::kNumber;
  double min = -1e300;  ///< inclusive lower bound, SI (quantities and integers)
  double max = 1e300;   ///< inclusive upper bound, SI
  bool min_exclusive = false;
  std::string_view choices = {};   ///< kChoice: "a|b|c"
  const Section* child = nullptr;  ///< kList
  /// Library types only: stores the figure (given or its default) or the choice in the typed
  /// type; none for a figure kept for reference.
  FigureSetter set_figure = nullptr;
  ChoiceSetter set_choice = nullptr;
  ValueGetter get_value = nullptr;
};

/// The keys one YAML map may hold.
struct Section {
  std::string_view name;  ///< as shown in docs, e.g. "threats[]"
  std::string_view doc;
  std::span<const FieldSpec> fields;

  [[nodiscard]] const FieldSpec* find(std::string_view key) const;
};

extern const Section kScenarioSection;
extern const Section kSiteSection;
extern const Section kAssetSection;
extern const Section kThreatSection;
extern const Section kRaidSection;
extern const Section kLaunchPointSection;
extern const Section kWaypointSection;
extern const Section kManoeuvreSection;
extern const Section kJamSettingSection;
extern const Section kReactionSection;
extern const Section kSilenceSection;
extern const Section kCoverageSection;
extern const Section kDefenceSection;
extern const Section kExternalSection;
extern const Section kZoneSection;
extern const Section kEvaluationSection;
extern const Section kEnvironmentSection;
/// The keys of a site type file of each kind, and of a threat type file of each kind.
extern const Section kRadarTypeSection;
extern const Section kLauncherTypeSection;
extern const Section kMissileTypeSection;
extern const Section kCommandPostTypeSection;
extern const Section kAircraftTypeSection;
extern const Section kCruiseMissileTypeSection;
extern const Section kBallisticMissileTypeSection;
extern const Section kDroneTypeSection;
extern const Section kArmTypeSection;
extern const Section kDecoyTypeSection;
/// The keys every type file shares (name, kind, description), for a file whose kind is missing
/// or unknown.
extern const Section kSiteTypeHeadSection;
extern const Section kThreatTypeHeadSection;
extern const Section kFigureSection;
extern const Section kRcsTableSection;
extern const Section kJammerPodSection;
extern const Section kTrackerSection;
extern const Section kMotionModelSection;
extern const Section kTrackSensorSection;

enum class SiteKind : std::uint8_t;
enum class ThreatKind : std::uint8_t;
/// The section of a type file of `kind`.
[[nodiscard]] const Section& type_section(SiteKind kind);
[[nodiscard]] const Section& type_section(ThreatKind kind);

/// The format reference (Markdown) of scenario and library files, generated from the tables.
[[nodiscard]] std::string format_reference();

}  // namespace opensam::scenario
