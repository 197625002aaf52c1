console.log('gen-openapi: placeholder')
