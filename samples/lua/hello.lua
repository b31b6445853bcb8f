-- ukl run samples/lua -v samples/lua/hello.lua:/hello.lua -- /hello.lua one two
print("Lua " .. _VERSION:sub(5) .. " says hello")
for i = 1, #arg do
  print(("arg[%d] = %s"):format(i, arg[i]))
end
os.exit(#arg)
