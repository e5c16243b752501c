package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// certBundle is a throwaway CA and the leaf certificate it signed for the portal.
// A fresh CA per portal means trusting it trusts nothing else, which is how clients
// with custom CA bundles (on-premise portals) are meant to be configured.
type certBundle struct {
	ca    *x509.Certificate
	caPEM []byte
	leaf  tls.Certificate
}

// newCertBundle issues a CA and a leaf for 127.0.0.1, ::1 and localhost, plus the
// host of the configured listen address when it names a specific host.
func newCertBundle(listen net.Addr, configured string) (*certBundle, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("sandbox: generate CA key: %w", err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          randomSerial(),
		Subject:               pkix.Name{Organization: []string{"b24run sandbox"}, CommonName: "b24run sandbox CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("sandbox: create CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, fmt.Errorf("sandbox: parse CA certificate: %w", err)
	}

	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("sandbox: generate server key: %w", err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{Organization: []string{"b24run sandbox"}, CommonName: "localhost"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	addHost(leafTmpl, listen, configured)
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("sandbox: create server certificate: %w", err)
	}
	return &certBundle{
		ca:    ca,
		caPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		leaf:  tls.Certificate{Certificate: [][]byte{leafDER, caDER}, PrivateKey: leafKey},
	}, nil
}

// addHost adds the listener's specific IP, or the configured host name, to the
// leaf's names, so a sandbox served on a LAN address is still verifiable.
func addHost(tmpl *x509.Certificate, listen net.Addr, configured string) {
	if tcp, ok := listen.(*net.TCPAddr); ok && tcp.IP != nil && !tcp.IP.IsUnspecified() && !tcp.IP.IsLoopback() {
		tmpl.IPAddresses = append(tmpl.IPAddresses, tcp.IP)
	}
	host, _, err := net.SplitHostPort(configured)
	if err != nil || host == "" || host == "localhost" || net.ParseIP(host) != nil {
		return
	}
	tmpl.DNSNames = append(tmpl.DNSNames, host)
}

func randomSerial() *big.Int {
	limit := new(big.Int).Lsh(big.NewInt(1), 127)
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		// crypto/rand does not fail on supported platforms; a fixed serial is still
		// a valid certificate.
		return big.NewInt(time.Now().UnixNano())
	}
	return n
}

func (b *certBundle) serverConfig() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{b.leaf}, MinVersion: tls.VersionTLS12}
}

func (b *certBundle) clientConfig() *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(b.ca)
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}
