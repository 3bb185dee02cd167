"""A bundled sample council site shaped like a ModernGov install, served on 127.0.0.1.

`demo.site.load_site` builds "demo" (the Demoshire story in council.yml), "faults"
(bad input for crawler tests) or "bench:N" (synthetic, any size); `demo.server.serve`
serves one over HTTP.
"""
