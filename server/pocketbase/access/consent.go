package access

// JimEntry: the fields of one entry of a map's JIM log (src/lib/doc/jim.ts, JimEntry) that the
// youth's consent depends on, as a version's projection stores them.
type JimEntry struct {
	Kind     string `json:"kind"`
	PersonID string `json:"personId"`
	Pick     string `json:"pick"`
	Subject  string `json:"subject"`
	Given    bool   `json:"given"`
}

// HasJimConsent: the youth said yes to sharing their map and plan with person as JIM, by the
// log. A consent entry counts for the person who was the chosen JIM when it was recorded, and
// the latest one counts. Twin of hasJimConsent(jimState(log), person) in src/lib/doc/jim.ts:
// both are tested against src/lib/doc/fixtures/jim-consent-cases.json.
func HasJimConsent(log []JimEntry, person string) bool {
	if person == "" {
		return false
	}
	jim := ""
	given := map[string]bool{}
	for _, e := range log {
		switch e.Kind {
		case "choice":
			if e.Pick == "jim" {
				jim = e.PersonID
			} else if jim == e.PersonID {
				// Made the backup, or the pick taken back.
				jim = ""
			}
		case "consent":
			if e.Subject == "jongere" && jim != "" {
				given[jim] = e.Given
			}
		}
	}
	return given[person]
}
