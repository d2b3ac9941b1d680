using Network.Gateway;
using Network.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("gateway");
builder.AddGatewayServices();

var app = builder.Build();

app.UseGateway();

app.Run();

public partial class Program;
