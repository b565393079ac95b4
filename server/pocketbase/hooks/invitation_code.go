package hooks

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

// Invitation codes: 13 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so
// about 64 bits of chance (13 × log2 31), read aloud or typed over as XXXX-XXXX-XXXXX.
const (
	codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	codeLength   = 13
)

// newCode draws a fresh code from crypto/rand, uniformly over the alphabet.
func newCode() (string, error) {
	var b strings.Builder
	n := big.NewInt(int64(len(codeAlphabet)))
	for range codeLength {
		i, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", fmt.Errorf("invitation code: %w", err)
		}
		b.WriteByte(codeAlphabet[i.Int64()])
	}
	return b.String(), nil
}

// normalizeCode is the code as typed, upper case, with everything outside the alphabet
// (spaces, dashes) dropped; ok only when exactly a code's length remains.
func normalizeCode(typed string) (code string, ok bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		if strings.ContainsRune(codeAlphabet, r) {
			b.WriteRune(r)
		}
		if b.Len() > codeLength {
			return "", false
		}
	}
	return b.String(), b.Len() == codeLength
}

// formatCode shows a code in short groups: XXXX-XXXX-XXXXX.
func formatCode(code string) string {
	return code[:4] + "-" + code[4:8] + "-" + code[8:]
}

// hashCode is what is stored: a code has 64 bits of chance, so a plain sha256 is enough to
// keep a leaked database from handing out working codes.
func hashCode(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}
